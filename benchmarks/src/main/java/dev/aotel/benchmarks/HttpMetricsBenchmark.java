package dev.aotel.benchmarks;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.otel.HttpServerMetrics;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the HTTP server metrics cost one request, once warmed: the active-requests increment at
 * start, the decrement and the duration histogram at end, into the real metrics SDK. Goal: at
 * most 150 ns and 0 B/op ({@code -prof gc}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpMetricsBenchmark {
  private OpenTelemetrySdk sdk;
  private HttpServerMetrics metrics;
  private AttributeMap request;

  @Setup(Level.Trial)
  public void setUp() {
    sdk = OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder()
        .registerMetricReader(InMemoryMetricReader.create()).build()).build();
    metrics = new HttpServerMetrics(sdk, true);
    // What the runtime derives for GET /hello/{id} answered 200; the values are the instances
    // the runtime hands out (interned method, cached status).
    request = new AttributeMap(16)
        .set(AttributeKey.HTTP_REQUEST_METHOD, "GET")
        .set(AttributeKey.URL_SCHEME, "http")
        .set(AttributeKey.HTTP_ROUTE, "/hello/{id}")
        .set(AttributeKey.URL_PATH, "/hello/7")
        .set(AttributeKey.NETWORK_PROTOCOL_VERSION, "1.1")
        .set(AttributeKey.HTTP_RESPONSE_STATUS_CODE, 200L)
        .set(AttributeKey.HTTP_REQUEST_HEADER_TRACEPARENT,
            List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sdk.close();
  }

  @Benchmark
  public void oneRequest() {
    metrics.onOperationStart(request);
    metrics.onOperationEnd(request);
  }
}
