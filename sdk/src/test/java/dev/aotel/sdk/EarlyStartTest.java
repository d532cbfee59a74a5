package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aotel.runtime.ActiveSpan;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code start()} returns before the SDK is built; nothing recorded meanwhile is lost. Each test
 * holds the background build on a latch, serves requests, then releases it: no timing involved.
 */
class EarlyStartTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private final CountDownLatch build = new CountDownLatch(1);
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void exporterBuildsAtOnce() {
    LatchedSpanExporterProvider.BUILD = new CountDownLatch(0);
    LatchedSpanExporterProvider.SPANS.reset();
  }

  @AfterEach
  void release() {
    build.countDown();
  }

  /** Exports to {@link LatchedSpanExporterProvider#SPANS}; the SDK's build waits for the test. */
  /**
   * Pauses 200 ms, then returns the wall-clock time in milliseconds less 100: a bound that times
   * taken before the pause stay under, and times stamped at the replay (after the release, so
   * after the pause) exceed. The margin is for the clocks: aotel's and the SDK's read the wall
   * clock once and count {@code nanoTime} from there, so within a minute they may drift some
   * milliseconds from it (a comparison without margin failed so in a clean-clone verify).
   */
  private static long beforeThePause() throws InterruptedException {
    Thread.sleep(200);
    return System.currentTimeMillis() - 100;
  }

  private AotelSdk.Builder held() {
    return AotelSdk.builder().serviceName("aotel-test").registerGlobal(false)
        .property("otel.traces.exporter", "latched")
        .property("otel.bsp.schedule.delay", "10")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .beforeBackgroundBuild(() -> await(build));
  }

  @Test
  void aTraceServedBeforeTheSdkExistsIsExportedWithTheIdsItPropagated() throws Exception {
    Services.ServiceB b = new Services.ServiceB();
    Services.ServiceA a = new Services.ServiceA();
    ExecutorService handlers = Executors.newFixedThreadPool(2); // A waits for B on the same server
    try (AotelSdk aotel = held().start();
        Services.Server server = Services.Server.start(handlers)) {
      assertThat(aotel.startedEarly()).isTrue();
      server.route("/b", new TracedServices_ServiceB(b));
      server.route("/a", new TracedServices_ServiceA(a));
      a.downstream = server.uri("/b");
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/a"))
          .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("a+b");
      server.awaitIdle();
      // B saw the client span's id, made while the SDK was still held.
      String seenByB = b.traceparents.poll(5, TimeUnit.SECONDS).get(0);
      assertThat(seenByB).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
      assertThat(LatchedSpanExporterProvider.SPANS.getFinishedSpanItems()).isEmpty();
      long released = beforeThePause();

      build.countDown();
      List<SpanData> spans = InMemory.await(LatchedSpanExporterProvider.SPANS, 4, s -> true);
      Map<String, SpanData> byName = spans.stream()
          .collect(Collectors.toMap(SpanData::getName, Function.identity()));
      assertThat(byName).containsOnlyKeys("GET /a", "GET /b", "GET", "pricing.quote");
      assertThat(spans).allMatch(s -> s.getTraceId().equals(TRACE_ID));
      SpanData serverA = byName.get("GET /a");
      SpanData quote = byName.get("pricing.quote");
      SpanData call = byName.get("GET");
      SpanData serverB = byName.get("GET /b");
      assertThat(serverA.getParentSpanId()).isEqualTo(PARENT_ID);
      assertThat(serverA.getParentSpanContext().isRemote()).isTrue();
      assertThat(quote.getParentSpanId()).isEqualTo(serverA.getSpanId());
      assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(call.getParentSpanId()).isEqualTo(serverA.getSpanId());
      assertThat(seenByB).isEqualTo("00-" + TRACE_ID + "-" + call.getSpanId() + "-01");
      assertThat(serverB.getParentSpanId()).isEqualTo(call.getSpanId());
      assertThat(serverA.getAttributes().get(STATUS)).isEqualTo(200L);
      assertThat(serverA.getResource().getAttributes()
          .get(AttributeKey.stringKey("service.name"))).isEqualTo("aotel-test");
      // Their times are the requests', not the replay's.
      assertThat(spans).allMatch(s -> TimeUnit.NANOSECONDS.toMillis(s.getEndEpochNanos())
          <= released);
    } finally {
      handlers.shutdownNow();
    }
  }

  @Test
  void aSpanStartedBeforeTheSdkExistsAndEndedAfterKeepsItsIds() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Services.ServiceB b = new Services.ServiceB();
    try (AotelSdk aotel = held().start();
        Services.Server server = Services.Server.start()) {
      server.route("/slow", new TracedServices_ServiceB(new Services.ServiceB() {
        @Override
        public void handle(com.sun.net.httpserver.HttpExchange exchange)
            throws java.io.IOException {
          inHandler.countDown();
          await(finish);
          b.handle(exchange);
        }
      }));
      CompletableFuture<HttpResponse<String>> response = client.sendAsync(
          HttpRequest.newBuilder(server.uri("/slow")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
      build.countDown();
      aotel.openTelemetry(); // waits until the SDK is built and the early spans are handed over
      finish.countDown();
      assertThat(response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      ActiveSpan seen = b.activeSpans.poll(5, TimeUnit.SECONDS);

      List<SpanData> spans = InMemory.await(LatchedSpanExporterProvider.SPANS, 1,
          s -> s.getName().equals("GET /slow"));
      assertThat(spans).hasSize(1);
      assertThat(spans.get(0).getTraceId()).isEqualTo(seen.traceId());
      assertThat(spans.get(0).getSpanId()).isEqualTo(seen.spanId());
    }
  }

  @Test
  void anErrorBeforeTheSdkExistsIsExportedAsTheSdksExceptionEventAtItsOwnTime() throws Exception {
    CountDownLatch thrown = new CountDownLatch(1);
    try (AotelSdk aotel = held().start();
        Services.Server server = Services.Server.start()) {
      server.route("/fails", new TracedServices_ServiceB(new Services.ServiceB() {
        @Override
        public void handle(com.sun.net.httpserver.HttpExchange exchange)
            throws java.io.IOException {
          thrown.countDown();
          throw new java.io.IOException("disk on fire");
        }
      }));
      // The JDK server drops the connection of a handler that throws; the answer does not matter.
      // A POST: the client would send a GET again on the dropped connection, a second operation
      // that could end after the build is released.
      client.sendAsync(HttpRequest.newBuilder(server.uri("/fails"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(thrown.await(10, TimeUnit.SECONDS)).isTrue();
      server.awaitIdle(); // the span has ended
      long released = beforeThePause();
      build.countDown();
      SpanData span = InMemory.await(LatchedSpanExporterProvider.SPANS, 1, s -> true).get(0);
      assertThat(span.getEvents()).singleElement().satisfies(event -> {
        assertThat(event.getName()).isEqualTo("exception");
        assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
            .isEqualTo("java.io.IOException");
        assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
            .isEqualTo("disk on fire");
        assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
            .startsWith("java.io.IOException: disk on fire");
        assertThat(TimeUnit.NANOSECONDS.toMillis(event.getEpochNanos()))
            .isLessThanOrEqualTo(released);
      });
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
  }

  @Test
  void logRecordsMadeBeforeTheSdkExistsAreExportedWithTheirSpansIds() throws Exception {
    String marker = java.util.UUID.randomUUID().toString();
    try (AotelSdk aotel = held().property("otel.logs.exporter", "test").start();
        Services.Server server = Services.Server.start()) {
      assertThat(aotel.startedEarly()).isTrue();
      server.route("/logs", new TracedLoggingServices_Logs(new LoggingServices.Logs()));
      client.send(HttpRequest.newBuilder(server.uri("/logs?" + marker)).build(),
          HttpResponse.BodyHandlers.ofString());
      server.awaitIdle();
      long released = TimeUnit.MILLISECONDS.toNanos(beforeThePause());
      build.countDown();
      assertThat(sdk(aotel).getSdkLoggerProvider().forceFlush().join(5, TimeUnit.SECONDS)
          .isSuccess()).isTrue();
      SpanData span = InMemory.await(LatchedSpanExporterProvider.SPANS, 1,
          s -> s.getName().equals("GET /logs")).get(0);
      List<io.opentelemetry.sdk.logs.data.LogRecordData> records =
          TestLogRecordExporterProvider.LAST.getFinishedLogRecordItems().stream()
              .filter(r -> r.getBodyValue() != null
                  && r.getBodyValue().asString().contains(marker)).toList();
      assertThat(records).extracting(r -> r.getBodyValue().asString())
          .contains("logback " + marker, "log4j " + marker);
      for (io.opentelemetry.sdk.logs.data.LogRecordData record : records) {
        assertThat(record.getSpanContext().getTraceId()).isEqualTo(span.getTraceId());
        if (!record.getBodyValue().asString().startsWith("nested")) {
          assertThat(record.getSpanContext().getSpanId()).isEqualTo(span.getSpanId());
        }
        // The time it was logged, not the time it was handed over.
        assertThat(record.getObservedTimestampEpochNanos()).isLessThanOrEqualTo(released);
      }

      // Once the SDK is built the same appenders log straight into its loggers, same scopes.
      String after = marker + "-after";
      client.send(HttpRequest.newBuilder(server.uri("/logs?" + after)).build(),
          HttpResponse.BodyHandlers.ofString());
      server.awaitIdle();
      assertThat(sdk(aotel).getSdkLoggerProvider().forceFlush().join(5, TimeUnit.SECONDS)
          .isSuccess()).isTrue();
      SpanData later = InMemory.await(LatchedSpanExporterProvider.SPANS, 2,
          s -> s.getName().equals("GET /logs")).get(1);
      List<io.opentelemetry.sdk.logs.data.LogRecordData> afterRecords =
          TestLogRecordExporterProvider.LAST.getFinishedLogRecordItems().stream()
              .filter(r -> r.getBodyValue() != null
                  && r.getBodyValue().asString().contains(after)).toList();
      assertThat(afterRecords).extracting(r -> r.getBodyValue().asString())
          .contains("logback " + after, "log4j " + after);
      assertThat(afterRecords).allMatch(r -> r.getSpanContext().getTraceId()
          .equals(later.getTraceId()));
      assertThat(afterRecords).extracting(r -> r.getInstrumentationScopeInfo())
          .isSubsetOf(records.stream().map(r -> r.getInstrumentationScopeInfo()).toList());
    }
  }

  @Test
  void aParentThatIsNotSampledIsFollowedBeforeTheSdkExistsToo() throws Exception {
    Services.ServiceB b = new Services.ServiceB();
    try (AotelSdk aotel = held().start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(b));
      client.send(HttpRequest.newBuilder(server.uri("/b?not-sampled"))
          .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-00").build(),
          HttpResponse.BodyHandlers.ofString());
      client.send(HttpRequest.newBuilder(server.uri("/b?sampled")).build(),
          HttpResponse.BodyHandlers.ofString());
      server.awaitIdle();
      build.countDown();
      sdk(aotel).getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
      assertThat(InMemory.await(LatchedSpanExporterProvider.SPANS, 1, s -> true))
          .hasSize(1).allMatch(s -> !s.getTraceId().equals(TRACE_ID));
    }
  }

  /**
   * After the build, the instruments' spans are aotel's own by default and the SDK's when a span
   * limit is set: either way they arrive whole, and a limit set is a limit kept.
   */
  @Test
  void spansServedAfterTheBuildAreAotelsOwnUnlessALimitIsSetAndArriveWhole() throws Exception {
    build.countDown();
    for (String limit : new String[] {null, "3"}) {
      LatchedSpanExporterProvider.SPANS.reset();
      AotelSdk.Builder builder = held();
      if (limit != null) {
        builder.property("otel.span.attribute.count.limit", limit);
      }
      try (AotelSdk aotel = builder.start();
          Services.Server server = Services.Server.start()) {
        server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
        aotel.openTelemetry(); // waits for the build: what follows is served after it
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/b"))
            .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01").build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        server.awaitIdle();
        SpanData span = InMemory.await(LatchedSpanExporterProvider.SPANS, 1, s -> true).get(0);
        assertThat(span.getName()).isEqualTo("GET /b");
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT_ID);
        // aotel's own span is its own SpanData; the SDK's hands out a copy of another class.
        assertThat(span.getClass().getSimpleName().equals("AotelSpan")).isEqualTo(limit == null);
        if (limit == null) {
          assertThat(span.getAttributes().get(STATUS)).isEqualTo(200L);
          assertThat(span.getAttributes().size()).isGreaterThan(10)
              .isEqualTo(span.getTotalAttributeCount());
        } else {
          assertThat(span.getAttributes().size()).isEqualTo(3);
          assertThat(span.getTotalAttributeCount()).isGreaterThan(10);
        }
      }
    }
  }

  @Test
  void theGlobalTracerWorksAtOnceAndItsSpansAreExportedWithTheirScope() throws Exception {
    GlobalOpenTelemetry.resetForTest();
    try (AotelSdk aotel = held().registerGlobal(true).start()) {
      // Does not wait for the held build: a request thread using the global tracer never does.
      Span span = GlobalOpenTelemetry.get().getTracerProvider().tracerBuilder("user-scope")
          .setInstrumentationVersion("1.2").setSchemaUrl("https://example.com/schemas/1.0")
          .build().spanBuilder("user-span").startSpan();
      assertThat(span.getSpanContext().isSampled()).isTrue();
      span.setAttribute("answer", 42L).end();
      assertThat(GlobalOpenTelemetry.getPropagators().getTextMapPropagator().fields())
          .contains("traceparent", "baggage");
      build.countDown();
      SpanData exported = InMemory.await(LatchedSpanExporterProvider.SPANS, 1, s -> true).get(0);
      assertThat(exported.getSpanId()).isEqualTo(span.getSpanContext().getSpanId());
      assertThat(exported.getInstrumentationScopeInfo().getName()).isEqualTo("user-scope");
      assertThat(exported.getInstrumentationScopeInfo().getVersion()).isEqualTo("1.2");
      assertThat(exported.getInstrumentationScopeInfo().getSchemaUrl())
          .isEqualTo("https://example.com/schemas/1.0");
      assertThat(exported.getAttributes().get(AttributeKey.longKey("answer"))).isEqualTo(42L);
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
  }

  @Test
  void spansBeyondTheStartUpBufferAreDroppedAndReportedOnce() throws Exception {
    String err = stderrOf(() -> {
      try (AotelSdk aotel = held().property("otel.bsp.max.queue.size", "2").start();
          Services.Server server = Services.Server.start()) {
        server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
        for (int i = 0; i < 3; i++) {
          assertThat(client.send(HttpRequest.newBuilder(server.uri("/b")).build(),
              HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        server.awaitIdle();
        build.countDown();
        sdk(aotel).getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
        assertThat(InMemory.await(LatchedSpanExporterProvider.SPANS, 2, s -> true)).hasSize(2);
      }
    });
    assertThat(err.lines().filter(l -> l.contains("start-up buffer")))
        .containsExactly("[aotel] WARNING: 1 spans, 0 metric values and 0 log records made before"
            + " the SDK was built did not fit the start-up buffer (OTEL_BSP_MAX_QUEUE_SIZE of each)"
            + " and were dropped");
  }

  @Test
  void httpMetricsRecordedBeforeTheSdkExistsAreExported() throws Exception {
    try (AotelSdk aotel = held().property("otel.metrics.exporter", "test")
            .property(AotelSdk.RUNTIME_TELEMETRY, "false").start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      for (int i = 0; i < 2; i++) {
        client.send(HttpRequest.newBuilder(server.uri("/b")).build(),
            HttpResponse.BodyHandlers.ofString());
      }
      server.awaitIdle();
      build.countDown();
      assertThat(sdk(aotel).getSdkMeterProvider().forceFlush().join(5, TimeUnit.SECONDS)
          .isSuccess()).isTrue();
      Map<String, MetricData> metrics = TestMetricExporterProvider.LAST.getFinishedMetricItems()
          .stream().collect(Collectors.toMap(MetricData::getName, Function.identity(),
              (x, y) -> y));
      assertThat(metrics.get("http.server.request.duration").getHistogramData().getPoints())
          .singleElement().satisfies(p -> assertThat(p.getCount()).isEqualTo(2));
      assertThat(metrics.get("http.server.active_requests").getLongSumData().getPoints())
          .singleElement().satisfies(p -> assertThat(p.getValue()).isZero());
    }
  }

  @Test
  void aSettingTheSdkRejectsIsReportedAndRequestsGoOn() throws Exception {
    String err = stderrOf(() -> {
      try (AotelSdk aotel = held().property("otel.traces.exporter", "no-such-exporter").start();
          Services.Server server = Services.Server.start()) {
        server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
        build.countDown();
        assertThat(aotel.openTelemetry().getTracer("x").spanBuilder("y").startSpan()
            .getSpanContext().isValid()).isFalse();
        assertThat(client.send(HttpRequest.newBuilder(server.uri("/b")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      }
    });
    assertThat(err.lines().filter(l -> l.contains("could not be built")))
        .singleElement().asString().contains("no-such-exporter", "AOTEL_START_IN_BACKGROUND");
  }

  @Test
  void withBackgroundStartOffTheSameSettingIsThrownByStart() {
    assertThatThrownBy(() -> held().property("aotel.start.background", "false")
        .property("otel.traces.exporter", "no-such-exporter").start())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("no-such-exporter");
  }

  @Test
  void whatCouldMakeTheSdkDecideDifferentlyBuildsItInStart() {
    try (AotelSdk aotel = held().customize(b -> {}).start()) {
      assertThat(aotel.startedEarly()).isFalse();
    }
    try (AotelSdk aotel = held().property("otel.propagators", "tracecontext,b3").start()) {
      assertThat(aotel.startedEarly()).isFalse();
    }
    try (AotelSdk aotel = held().property("otel.traces.sampler", "jaeger_remote").start()) {
      assertThat(aotel.startedEarly()).isFalse();
    } catch (RuntimeException e) {
      // no jaeger_remote sampler on this classpath: the SDK's build in start() says so
      assertThat(e).hasMessageContaining("jaeger_remote");
    }
    build.countDown();
    try (AotelSdk aotel = held().property("otel.traces.sampler", "parentbased_traceidratio")
        .property("otel.traces.sampler.arg", "0.5").start()) {
      assertThat(aotel.startedEarly()).isTrue();
    }
  }

  private static OpenTelemetrySdk sdk(AotelSdk aotel) {
    return (OpenTelemetrySdk) aotel.openTelemetry();
  }

  private interface Body {
    void run() throws Exception;
  }

  private static String stderrOf(Body body) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the latch");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
