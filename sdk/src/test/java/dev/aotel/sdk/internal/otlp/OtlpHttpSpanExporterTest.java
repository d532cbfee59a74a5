package dev.aotel.sdk.internal.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * aotel's OTLP/HTTP span exporter against a collector on a raw loopback socket, so that the test
 * decides every byte of the answers: keep-alive, a connection closed while idle, chunked bodies,
 * errors and retries; plus which settings it takes and which it leaves to the SDK's exporter.
 */
class OtlpHttpSpanExporterTest {
  private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n"
      + "Content-Length: 0\r\n\r\n";

  private static OtlpHttpSpanExporter exporter(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("otel.exporter.otlp.protocol",
        "http/protobuf", "otel.exporter.otlp.timeout", "5000"));
    all.putAll(settings);
    return OtlpHttpSpanExporter.fromConfig(DefaultConfigProperties.createFromMap(all));
  }

  private static List<SpanData> spans(int count) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(memory)).build();
    for (int i = 0; i < count; i++) {
      provider.get("test").spanBuilder("span " + i).startSpan().end();
    }
    List<SpanData> spans = memory.getFinishedSpanItems();
    provider.close();
    return spans;
  }

  @Test
  void settingsItDoesNotCoverAreLeftToTheSdksExporter() {
    assertThat(exporter(Map.of())).isNotNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.protocol", "grpc"))).isNull();
    assertThat(OtlpHttpSpanExporter.fromConfig(DefaultConfigProperties.createFromMap(Map.of())))
        .as("the SDK's default protocol is grpc").isNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.traces.protocol", "grpc"))).isNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.endpoint", "https://collector:4318"))).isNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.certificate", "/ca.pem"))).isNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.traces.client.key", "/key.pem"))).isNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.compression", "zstd"))).isNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.endpoint", "not a url"))).isNull();
    assertThat(exporter(Map.of("aotel.otlp.exporter", "sdk"))).isNull();
    assertThat(exporter(Map.of("otel.exporter.otlp.compression", "gzip"))).isNotNull();
  }

  @Test
  void endpointsFollowTheSdksRules() {
    assertThat(exporter(Map.of()).toString()).contains("endpoint=http://localhost:4318/v1/traces");
    assertThat(exporter(Map.of("otel.exporter.otlp.endpoint", "http://c:1")).toString())
        .contains("endpoint=http://c:1/v1/traces,");
    assertThat(exporter(Map.of("otel.exporter.otlp.endpoint", "http://c:1/base")).toString())
        .contains("endpoint=http://c:1/base/v1/traces,");
    assertThat(exporter(Map.of("otel.exporter.otlp.endpoint", "http://c:1",
        "otel.exporter.otlp.traces.endpoint", "http://t:2/custom")).toString())
        .contains("endpoint=http://t:2/custom,");
    assertThat(exporter(Map.of("otel.exporter.otlp.traces.endpoint", "http://t:2")).toString())
        .contains("endpoint=http://t:2/,");
  }

  @Test
  void aHeaderThatCannotBeSentIsAConfigurationErrorNamingIt() {
    assertThatThrownBy(() -> exporter(Map.of("otel.exporter.otlp.headers", "bad name=x")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'bad name'").hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS");
    assertThatThrownBy(() -> exporter(Map.of("otel.exporter.otlp.headers", "k=a%0D%0AX: y")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("'k'");
  }

  @Test
  void headersGzipAndSpansReachTheCollector() throws Exception {
    try (Collector collector = new Collector(i -> OK, false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.traces.endpoint", collector.url("/v1/traces"),
          "otel.exporter.otlp.headers", "api-key=a%20b,x-tenant=shop",
          "otel.exporter.otlp.compression", "gzip"));
      assertThat(exporter.export(spans(3)).join(10, TimeUnit.SECONDS)
          .isSuccess()).isTrue();
      Request request = collector.requests.get(0);
      assertThat(request.line).isEqualTo("POST /v1/traces HTTP/1.1");
      assertThat(request.headers).containsEntry("api-key", "a b").containsEntry("x-tenant", "shop")
          .containsEntry("content-encoding", "gzip")
          .containsEntry("content-type", "application/x-protobuf");
      assertThat(request.headers.get("user-agent")).startsWith("OTel-OTLP-Exporter-Java/");
      byte[] body = new GZIPInputStream(new ByteArrayInputStream(request.body)).readAllBytes();
      ExportTraceServiceRequest decoded = ExportTraceServiceRequest.parseFrom(body);
      assertThat(decoded.getResourceSpans(0).getScopeSpans(0).getSpansList())
          .extracting(s -> s.getName()).containsExactly("span 0", "span 1", "span 2");
      exporter.shutdown();
    }
  }

  @Test
  void oneConnectionCarriesEveryExportAndChunkedAnswersAreRead() throws Exception {
    String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nabc\r\n0\r\n\r\n";
    try (Collector collector = new Collector(i -> i % 2 == 0 ? chunked : OK, false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url("")));
      for (int i = 0; i < 4; i++) {
        assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
      }
      assertThat(collector.requests).hasSize(4);
      assertThat(collector.connections).hasValue(1);
      exporter.shutdown();
      assertThat(exporter.export(spans(1)).isSuccess()).as("after shutdown").isFalse();
    }
  }

  /** Header names are case-insensitive (RFC 9110): a body length or a close in any case. */
  @Test
  void headerNamesAreReadInAnyCase() throws Exception {
    String lengthInOddCase = "HTTP/1.1 200 OK\r\ncOnTeNt-lEnGtH: 2\r\n\r\nok";
    String closing = "HTTP/1.1 200 OK\r\nCONNECTION: close\r\nContent-Length : 0\r\n\r\n";
    try (Collector collector = new Collector(i -> i == 1 ? closing : lengthInOddCase, false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url("")));
      for (int i = 0; i < 3; i++) { // the body read exactly, or the next answer would be off
        assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
      }
      assertThat(collector.requests).hasSize(3);
      assertThat(collector.connections).as("reopened after the close").hasValue(2);
      exporter.shutdown();
    }
  }

  @Test
  void aConnectionTheCollectorClosedWhileIdleIsReopenedAndNothingIsLost() throws Exception {
    try (Collector collector = new Collector(i -> OK, true)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url("")));
      for (int i = 0; i < 3; i++) {
        assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
      }
      assertThat(collector.requests).hasSize(3);
      assertThat(collector.connections).hasValue(3);
      exporter.shutdown();
    }
  }

  @Test
  void retryableAnswersAreRetriedAndOthersAreNot() throws Exception {
    String unavailable = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\n"
        + "Content-Length: 4\r\n\r\nbusy";
    String bad = "HTTP/1.1 400 Bad Request\r\nContent-Length: 3\r\n\r\nbad";
    try (Collector collector = new Collector(i -> i < 2 ? unavailable : i == 2 ? OK : bad,
        false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url("")));
      assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
      assertThat(collector.requests).as("two 503s, then the 200").hasSize(3);
      assertThat(exporter.export(spans(1)).isSuccess()).isFalse();
      assertThat(collector.requests).as("a 400 is not retried").hasSize(4);
      exporter.shutdown();
    }
  }

  @Test
  void retriesEndWithinTheTimeout() throws Exception {
    String unavailable = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
    try (Collector collector = new Collector(i -> unavailable, false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url(""),
          "otel.exporter.otlp.timeout", "300"));
      long start = System.nanoTime();
      assertThat(exporter.export(spans(1)).isSuccess()).isFalse();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
      assertThat(collector.requests).hasSizeLessThan(5); // the default policy's 5 attempts
      exporter.shutdown();
    }
  }

  @Test
  void aCollectorThatStopsReadingCannotHoldTheExportPastItsTimeout() throws Exception {
    try (ServerSocket deaf = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          Socket socket = deaf.accept(); // accepted, never read: the body fills the buffers
          Thread.sleep(30_000);
          socket.close();
        } catch (IOException | InterruptedException e) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + deaf.getLocalPort(),
          "otel.exporter.otlp.timeout", "3000")); // encoding the batch takes part of it
      List<SpanData> big = bigSpans(64 << 20);
      long start = System.nanoTime();
      boolean exported = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> exporter.export(big).isSuccess());
      assertThat(exported).isFalse();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
      exporter.shutdown();
      acceptor.interrupt();
    }
  }

  @Test
  void anAnswerThatTricklesInEndsAtTheTimeoutNotPerByte() throws Exception {
    try (Collector collector = new Collector(i -> null, false)) {
      collector.trickle = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url(""),
          "otel.exporter.otlp.timeout", "500",
          "otel.java.exporter.otlp.retry.disabled", "true"));
      long start = System.nanoTime();
      assertThat(exporter.export(spans(1)).isSuccess()).isFalse();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
      exporter.shutdown();
    }
  }

  @Test
  void interimAnswersAndAListedContentLengthAreRead() throws Exception {
    String continued = "HTTP/1.1 100 Continue\r\n\r\n" + OK;
    String listed = "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok";
    try (Collector collector = new Collector(i -> i == 0 ? continued : listed, false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url("")));
      assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
      assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
      assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
      assertThat(collector.requests).hasSize(3);
      assertThat(collector.connections).as("kept alive throughout").hasValue(1);
      exporter.shutdown();
    }
  }

  @Test
  void aHugeRetryAfterEndsTheExportInsteadOfSleeping() throws Exception {
    String later = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 99999999999\r\n"
        + "Content-Length: 0\r\n\r\n";
    try (Collector collector = new Collector(i -> later, false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url("")));
      boolean exported = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> exporter.export(spans(1)).isSuccess());
      assertThat(exported).isFalse();
      assertThat(collector.requests).hasSize(1);
      exporter.shutdown();
    }
  }

  @Test
  void shutdownDuringAnExportEndsItWithoutSendingTheBatchAgain() throws Exception {
    try (Collector collector = new Collector(i -> i == 0 ? OK : null, false)) {
      OtlpHttpSpanExporter exporter = exporter(Map.of(
          "otel.exporter.otlp.endpoint", collector.url("")));
      assertThat(exporter.export(spans(1)).isSuccess()).isTrue(); // the connection is kept
      Thread stopper = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          return;
        }
        exporter.shutdown();
      });
      stopper.start();
      long start = System.nanoTime();
      assertThat(exporter.export(spans(1)).isSuccess()).isFalse(); // no answer comes
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
      stopper.join(5_000);
      Thread.sleep(200);
      assertThat(collector.requests).hasSize(2);
      assertThat(collector.connections).hasValue(1);
    }
  }

  /** Spans carrying about {@code bytes} of attribute text in all. */
  private static List<SpanData> bigSpans(int bytes) {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(Integer.MAX_VALUE).build())
        .addSpanProcessor(SimpleSpanProcessor.create(memory)).build();
    String text = "x".repeat(1 << 20);
    for (int i = 0; i < bytes >> 20; i++) {
      provider.get("test").spanBuilder("big " + i).setAttribute("text", text).startSpan().end();
    }
    List<SpanData> spans = memory.getFinishedSpanItems();
    provider.close();
    return spans;
  }

  /** One request as the collector read it. */
  record Request(String line, Map<String, String> headers, byte[] body) {}

  /**
   * A collector on a loopback socket: reads each request whole and writes the answer {@code
   * answers} gives for its index; closes the connection after every answer if {@code
   * closeAfterEach}, without saying so, as a server closing an idle connection does.
   */
  static final class Collector implements AutoCloseable {
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    /** When set, every answer is this text, a byte every 200 ms. */
    volatile String trickle;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Collector(IntFunction<String> answers, boolean closeAfterEach) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket socket = server.accept();
            sockets.add(socket);
            connections.incrementAndGet();
            Thread reader = new Thread(() -> serve(socket, answers, closeAfterEach));
            reader.setDaemon(true);
            reader.start();
          } catch (IOException e) {
            return; // closed
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    private void serve(Socket socket, IntFunction<String> answers, boolean closeAfterEach) {
      try (socket) {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        while (true) {
          String line = line(in);
          if (line == null) {
            return;
          }
          Map<String, String> headers = new HashMap<>();
          for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).toLowerCase(Locale.ROOT),
                header.substring(colon + 1).trim());
          }
          byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
          int index = requests.size();
          requests.add(new Request(line, headers, body));
          if (trickle != null) {
            for (byte b : trickle.getBytes(StandardCharsets.ISO_8859_1)) {
              out.write(b);
              out.flush();
              Thread.sleep(200);
            }
            continue;
          }
          String answer = answers.apply(index);
          if (answer == null) {
            continue; // no answer: the exporter waits
          }
          out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          if (closeAfterEach) {
            return;
          }
        }
      } catch (IOException | RuntimeException | InterruptedException e) {
        // the exporter went away
      }
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return null;
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws Exception {
      server.close();
      for (Socket socket : new ArrayList<>(sockets)) {
        socket.close();
      }
      acceptor.join(5_000);
    }
  }
}
