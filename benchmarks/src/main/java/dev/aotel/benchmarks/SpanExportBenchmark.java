package dev.aotel.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One batch of 512 HTTP server spans (the attributes aotel records on a hello-world request)
 * exported over OTLP/HTTP to a collector in this JVM (a {@code com.sun.net.httpserver} that reads
 * the body into one reused buffer and answers 200), by aotel's exporter and by the SDK's ({@code
 * opentelemetry-exporter-otlp} with the JDK sender, its default memory mode), each waited for.
 * The time includes the collector's reading; both pay it alike. Run with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpanExportBenchmark {
  @Param({"aotel", "sdk"})
  public String exporter;

  private HttpServer collector;
  private SpanExporter spanExporter;
  private List<SpanData> batch;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] sink = new byte[64 * 1024]; // read into one buffer: B/op is the exporters' own
    collector.createContext("/v1/traces", exchange -> {
      try (exchange) {
        while (exchange.getRequestBody().read(sink) >= 0) {
          // discard
        }
        exchange.sendResponseHeaders(200, -1);
      }
    });
    collector.setExecutor(Executors.newSingleThreadExecutor());
    collector.start();
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
    spanExporter = exporter.equals("aotel")
        ? dev.aotel.sdk.internal.otlp.OtlpHttpSpanExporter.fromConfig(
            DefaultConfigProperties.createFromMap(Map.of(
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.traces.endpoint", endpoint)))
        : OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
    batch = serverSpans(512);
  }

  public static List<SpanData> serverSpans(int count) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
      for (int i = 0; i < count; i++) {
        Span span = provider.get("dev.aotel").spanBuilder("GET /hello")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.path", "/hello")
            .setAttribute("url.scheme", "http")
            .setAttribute("http.route", "/hello")
            .setAttribute("server.address", "127.0.0.1")
            .setAttribute("server.port", 18080L)
            .setAttribute("client.address", "127.0.0.1")
            .setAttribute("network.peer.address", "127.0.0.1")
            .setAttribute("network.peer.port", 40000L + i)
            .setAttribute("network.protocol.version", "1.1")
            .setAttribute("user_agent.original", "wrk/4.2.0 (load test)")
            .startSpan();
        span.setAttribute("http.response.status_code", 200L);
        span.setStatus(StatusCode.UNSET);
        span.end();
      }
      return memory.getFinishedSpanItems(); // closing the exporter clears it
    }
  }

  @Benchmark
  public boolean export() {
    return spanExporter.export(batch).join(10, TimeUnit.SECONDS).isSuccess();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    spanExporter.shutdown().join(10, TimeUnit.SECONDS);
    collector.stop(0);
  }
}
