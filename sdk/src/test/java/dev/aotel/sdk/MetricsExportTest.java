package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import dev.aotel.runtime.TracedHttpClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics out through the real exporters: OTLP/HTTP to an in-test receiver, and Prometheus. */
class MetricsExportTest {
  private static final int REQUESTS = 5;

  /** Traced, so the client metric is there too. */
  private final HttpClient client = TracedHttpClient.wrap(HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build());

  private void sendRequests(Services.Server server) throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      HttpResponse<Void> response = client.send(HttpRequest.newBuilder(server.uri("/hello/" + i))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void otlpHttpDeliversTheHistogramToV1Metrics() throws Exception {
    BlockingQueue<ExportMetricsServiceRequest> received = new LinkedBlockingQueue<>();
    HttpServer collector = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/metrics", exchange -> {
      try (exchange) {
        received.add(ExportMetricsServiceRequest.parseFrom(
            exchange.getRequestBody().readAllBytes()));
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException e) {
        exchange.sendResponseHeaders(400, -1);
      }
    });
    collector.start();
    try (Services.Server server = Services.Server.start()) {
      server.route("/hello", new TracedServices_ServiceB(new Services.ServiceB()));
      // A second, in-memory reader only tells the test when the last operation has ended.
      InMemoryMetricReader ended = InMemoryMetricReader.create();
      try (AotelSdk aotel = AotelSdk.builder()
          .registerGlobal(false)
          .serviceName("metered")
          .customize(b -> b.addMeterProviderCustomizer(
              (meters, config) -> meters.registerMetricReader(ended)))
          .property("otel.exporter.otlp.endpoint",
              "http://127.0.0.1:" + collector.getAddress().getPort())
          .property("otel.traces.exporter", "none")
          .property("otel.logs.exporter", "none")
          .start()) {
        sendRequests(server);
        MetricsTest.awaitServerCount(ended, REQUESTS);
      } // close() flushes the periodic reader: one export with everything
      Map<String, Metric> metrics = new java.util.HashMap<>();
      for (ExportMetricsServiceRequest request = received.poll(10, TimeUnit.SECONDS);
          request != null; request = received.poll(1, TimeUnit.SECONDS)) {
        request.getResourceMetricsList().stream()
            .flatMap(r -> r.getScopeMetricsList().stream())
            .flatMap(s -> s.getMetricsList().stream())
            .forEach(m -> metrics.put(m.getName(), m)); // cumulative: the last one counts
      }
      assertThat(metrics).containsKeys("http.server.request.duration",
          "http.client.request.duration", "jvm.memory.used", "jvm.thread.count");
      assertThat(metrics.get("http.client.request.duration").getHistogram().getDataPoints(0)
          .getCount()).isEqualTo(REQUESTS);
      Metric duration = metrics.get("http.server.request.duration");
      assertThat(duration.getUnit()).isEqualTo("s");
      HistogramDataPoint point = duration.getHistogram().getDataPoints(0);
      assertThat(point.getCount()).isEqualTo(REQUESTS);
      assertThat(point.getSum()).isPositive();
      assertThat(point.getExplicitBoundsList()).isEqualTo(MetricsTest.ADVISED);
      assertThat(attributes(point.getAttributesList())).isEqualTo(Map.of(
          "http.request.method", "GET", "url.scheme", "http", "http.route", "/hello",
          "http.response.status_code", "200", "network.protocol.version", "1.1"));
    } finally {
      collector.stop(0);
    }
  }

  static Map<String, String> attributes(List<KeyValue> attributes) {
    return attributes.stream().collect(Collectors.toMap(KeyValue::getKey,
        a -> a.getValue().hasStringValue() ? a.getValue().getStringValue()
            : String.valueOf(a.getValue().getIntValue())));
  }

  /**
   * The real Prometheus server (Debian's {@code prometheus}, which {@code .ci/run} installs)
   * scrapes the app every second; its query API must count exactly the requests sent.
   */
  @Test
  void prometheusScrapesTheExactCount(@TempDir Path dir) throws Exception {
    Optional<Path> binary = Prometheus.binary();
    Assumptions.assumeTrue(binary.isPresent(),
        "prometheus is not installed: apt-get install -y prometheus (.ci/run does)");
    int appPort = Prometheus.freePort();
    int prometheusPort = Prometheus.freePort();
    try (Services.Server server = Services.Server.start();
        AotelSdk aotel = AotelSdk.builder()
            .registerGlobal(false)
            .serviceName("scraped")
            .property("otel.traces.exporter", "none")
            .property("otel.logs.exporter", "none")
            .property("otel.metrics.exporter", "prometheus")
            .property("otel.exporter.prometheus.host", "127.0.0.1")
            .property("otel.exporter.prometheus.port", Integer.toString(appPort))
            .start();
        Prometheus prometheus = Prometheus.start(binary.get(), dir, prometheusPort, appPort)) {
      server.route("/hello", new TracedServices_ServiceB(new Services.ServiceB()));
      sendRequests(server);
      String expected = Integer.toString(REQUESTS);
      assertThat(prometheus.awaitValue(
          "http_server_request_duration_seconds_count{http_route=\"/hello\"}", expected,
          Duration.ofSeconds(25))).isEqualTo(expected);
      assertThat(prometheus.awaitValue("sum(http_client_request_duration_seconds_count)",
          expected, Duration.ofSeconds(10))).isEqualTo(expected);
      assertThat(prometheus.awaitValue("count(jvm_memory_used_bytes) > bool 0", "1",
          Duration.ofSeconds(10))).isEqualTo("1");
    }
  }
}
