package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** HTTP and JVM metrics recorded by AotelSdk, read from the real metrics SDK. */
class MetricsTest {
  static final List<Double> ADVISED = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
      0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Metrics on (exported nowhere), read on demand; spans to memory; no global. */
  static AotelSdk.Builder builder(InMemoryMetricReader reader, InMemorySpanExporter spans) {
    return AotelSdk.builder()
        .serviceName("metrics-test")
        .registerGlobal(false)
        .property("otel.traces.exporter", "none")
        .property("otel.metrics.exporter", "test")
        .property("otel.logs.exporter", "none")
        .customize(b -> b
            .addMeterProviderCustomizer((meters, config) -> meters.registerMetricReader(reader))
            .addTracerProviderCustomizer((tracers, config) ->
                tracers.addSpanProcessor(SimpleSpanProcessor.create(spans))));
  }

  private HttpResponse<String> get(java.net.URI uri, String method) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).method(method,
        HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The metrics once {@code ready} holds (at most 10 s): a server operation ends when the handler
   * returns, which can be just after the client got its response.
   */
  static Collection<MetricData> await(InMemoryMetricReader reader,
      java.util.function.Predicate<Collection<MetricData>> ready) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      Collection<MetricData> metrics = reader.collectAllMetrics();
      if (ready.test(metrics) || System.nanoTime() > deadline) {
        return metrics;
      }
      Thread.sleep(10);
    }
  }

  /** Waits until the server duration histogram has counted {@code requests} in all. */
  static Collection<MetricData> awaitServerCount(InMemoryMetricReader reader, long requests)
      throws InterruptedException {
    return await(reader, metrics -> metrics.stream()
        .filter(m -> m.getName().equals("http.server.request.duration"))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .mapToLong(HistogramPointData::getCount).sum() >= requests);
  }

  static MetricData metric(Collection<MetricData> metrics, String name) {
    return metrics.stream().filter(m -> m.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + names(metrics)));
  }

  static Set<String> names(Collection<MetricData> metrics) {
    return metrics.stream().map(MetricData::getName).collect(Collectors.toSet());
  }

  static HistogramPointData point(MetricData metric, String route) {
    return metric.getHistogramData().getPoints().stream()
        .filter(p -> route.equals(p.getAttributes().get(AttributeKey.stringKey("http.route"))))
        .findFirst().orElseThrow(() -> new AssertionError("no point for " + route));
  }

  @Test
  void serverAndClientMetricsAgreeWithTheSpans() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    Services.ServiceA a = new Services.ServiceA();
    try (AotelSdk aotel = builder(reader, spans).start();
        Services.Server serverB = Services.Server.start();
        Services.Server serverA = Services.Server.start()) {
      serverB.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      serverA.route("/a", new TracedServices_ServiceA(a));
      a.downstream = serverB.uri("/b/item-7?page=2");
      for (int i = 0; i < 3; i++) {
        assertThat(get(serverA.uri("/a"), "GET").body()).isEqualTo("a+b");
      }
      // Four spans a round: A (server), its pricing.quote, its client call, B (server).
      List<SpanData> finished = InMemory.await(spans, 12, s -> true);
      Collection<MetricData> metrics = awaitServerCount(reader, 6);

      MetricData server = metric(metrics, "http.server.request.duration");
      assertThat(server.getUnit()).isEqualTo("s");
      assertThat(server.getDescription()).isEqualTo("Duration of HTTP server requests.");
      HistogramPointData b = point(server, "/b");
      assertThat(b.getCount()).isEqualTo(3);
      assertThat(b.getBoundaries()).isEqualTo(ADVISED);
      assertThat(b.getAttributes()).isEqualTo(Attributes.builder()
          .put("http.request.method", "GET").put("url.scheme", "http").put("http.route", "/b")
          .put("http.response.status_code", 200L).put("network.protocol.version", "1.1")
          .build());
      assertThat(point(server, "/a").getCount()).isEqualTo(3);
      // The same operations: the histogram's sum is the spans' durations, to the nanosecond.
      double spanSeconds = finished.stream().filter(s -> s.getName().equals("GET /b"))
          .mapToLong(s -> s.getEndEpochNanos() - s.getStartEpochNanos()).sum() / 1e9;
      assertThat(b.getSum()).isCloseTo(spanSeconds, org.assertj.core.data.Offset.offset(1e-6));

      MetricData clientMetric = metric(metrics, "http.client.request.duration");
      assertThat(clientMetric.getUnit()).isEqualTo("s");
      HistogramPointData call = clientMetric.getHistogramData().getPoints().iterator().next();
      assertThat(call.getCount()).isEqualTo(3);
      assertThat(call.getBoundaries()).isEqualTo(ADVISED);
      assertThat(call.getAttributes()).isEqualTo(Attributes.builder()
          .put("http.request.method", "GET").put("server.address", "127.0.0.1")
          .put("server.port", (long) serverB.port()).put("http.response.status_code", 200L)
          .put("network.protocol.version", "1.1").build());

      MetricData active = metric(metrics, "http.server.active_requests");
      assertThat(active.getUnit()).isEqualTo("{request}");
      assertThat(active.getLongSumData().getPoints()).allSatisfy(p -> {
        assertThat(p.getValue()).isZero();
        assertThat(p.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey))
            .containsExactlyInAnyOrder("http.request.method", "url.scheme");
      });
    }
  }

  @Test
  void errorsAndUnknownMethodsAreLowCardinalityAttributes() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (AotelSdk aotel = builder(reader, InMemorySpanExporter.create()).start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      assertThat(get(server.uri("/b/500"), "PURGE").statusCode()).isEqualTo(500);
      HistogramPointData point = point(metric(awaitServerCount(reader, 1),
          "http.server.request.duration"), "/b");
      assertThat(point.getAttributes().get(AttributeKey.stringKey("http.request.method")))
          .isEqualTo("_OTHER");
      assertThat(point.getAttributes().get(AttributeKey.stringKey("error.type")))
          .isEqualTo("500");
      assertThat(point.getAttributes().get(AttributeKey.stringKey("http.request.method_original")))
          .as("never on metrics").isNull();
    }
  }

  @Test
  void tenThousandPathsAndAHundredMadeUpMethodsStayInTwoSeries() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (AotelSdk aotel = builder(reader, InMemorySpanExporter.create()).start();
        Services.Server server = Services.Server.start()) {
      server.route("/hello", new TracedServices_ServiceB(new Services.ServiceB()));
      for (int i = 0; i < 10_000; i++) {
        get(server.uri("/hello/item-" + i + "?user=" + i), "GET");
      }
      for (int i = 0; i < 100; i++) {
        get(server.uri("/hello/x"), "MADEUP" + i);
      }
      MetricData duration = metric(awaitServerCount(reader, 10_100),
          "http.server.request.duration");
      Map<String, Long> counts = duration.getHistogramData().getPoints().stream()
          .collect(Collectors.toMap(
              p -> p.getAttributes().get(AttributeKey.stringKey("http.request.method")) + " "
                  + p.getAttributes().get(AttributeKey.stringKey("http.route")),
              HistogramPointData::getCount));
      assertThat(counts).containsExactlyInAnyOrderEntriesOf(
          Map.of("GET /hello", 10_000L, "_OTHER /hello", 100L));
    }
  }

  @Test
  void metricsDoNotDependOnSpansBeingRecorded() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    // No span processor at all: SDK 1.67 hands out no-op spans.
    try (AotelSdk aotel = AotelSdk.builder().registerGlobal(false)
            .property("otel.traces.exporter", "none")
            .property("otel.metrics.exporter", "test")
            .property("otel.logs.exporter", "none")
            .customize(b -> b.addMeterProviderCustomizer(
                (meters, config) -> meters.registerMetricReader(reader)))
            .start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      get(server.uri("/b"), "GET");
      assertThat(point(metric(awaitServerCount(reader, 1), "http.server.request.duration"), "/b")
          .getCount()).isEqualTo(1);
    }
  }

  @Test
  void jvmRuntimeMetricsAreOnByDefault() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (AotelSdk aotel = builder(reader, InMemorySpanExporter.create()).start()) {
      System.gc(); // so that a collection has happened since the listener started
      // GC notifications arrive on their own thread, a little after the collection.
      Set<String> names = names(await(reader, m -> names(m).contains("jvm.gc.duration")));
      assertThat(names).contains("jvm.memory.used", "jvm.memory.committed", "jvm.memory.limit",
          "jvm.memory.used_after_last_gc", "jvm.thread.count", "jvm.class.loaded",
          "jvm.class.count", "jvm.cpu.time", "jvm.cpu.count", "jvm.cpu.recent_utilization");
      assertThat(names).contains("jvm.gc.duration");
    }
  }

  @Test
  void eachPartTurnsOff() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (AotelSdk aotel = builder(reader, InMemorySpanExporter.create())
            .property(AotelSdk.RUNTIME_TELEMETRY, "false")
            .property(AotelSdk.ACTIVE_REQUESTS, "false")
            .start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      get(server.uri("/b"), "GET");
      Set<String> names = names(awaitServerCount(reader, 1));
      assertThat(names).contains("http.server.request.duration")
          .doesNotContain("http.server.active_requests")
          .noneMatch(name -> name.startsWith("jvm."));
    }
  }

  @Test
  void metricsExporterNoneRecordsNothing() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (AotelSdk aotel = builder(reader, InMemorySpanExporter.create())
            .property("otel.metrics.exporter", "none")
            .start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      get(server.uri("/b"), "GET");
      // Give a late end every chance to show up, then check that nothing did.
      assertThat(await(reader, metrics -> !metrics.isEmpty())).isEmpty();
    }
  }

  @Test
  void customMetricsSitNextToTheAutomaticOnes() throws Exception {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (AotelSdk aotel = builder(reader, InMemorySpanExporter.create()).start()) {
      aotel.openTelemetry().getMeter("shop").counterBuilder("orders.placed").build().add(2);
      LongPointData point = metric(reader.collectAllMetrics(), "orders.placed")
          .getLongSumData().getPoints().iterator().next();
      assertThat(point.getValue()).isEqualTo(2);
    }
  }
}
