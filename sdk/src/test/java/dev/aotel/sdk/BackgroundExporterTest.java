package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Span exporters are built on a background thread: {@code start()} returns before the exporter
 * exists, and the spans of requests served meanwhile are exported once it does.
 */
class BackgroundExporterTest {
  @BeforeEach
  void reset() {
    LatchedSpanExporterProvider.BUILD = new CountDownLatch(1);
    LatchedSpanExporterProvider.SPANS.reset();
  }

  @AfterEach
  void release() {
    LatchedSpanExporterProvider.BUILD.countDown();
  }

  private static AotelSdk.Builder latched() {
    return AotelSdk.builder().serviceName("aotel-test").registerGlobal(false)
        .property("otel.traces.exporter", "latched")
        .property("otel.bsp.schedule.delay", "10")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none");
  }

  @Test
  void aRequestServedWhileTheExporterIsBuiltIsExportedOnceItIs() throws Exception {
    // start() returns with the exporter's construction still held on the latch.
    try (AotelSdk aotel = latched().start();
        Services.Server server = Services.Server.start()) {
      assertThat(LatchedSpanExporterProvider.BUILD.getCount()).isEqualTo(1);
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.uri("/b")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      // The batch processor has handed the span over; it is held, not exported, not dropped.
      assertThat(((io.opentelemetry.sdk.OpenTelemetrySdk) aotel.openTelemetry()).getSdkTracerProvider().forceFlush()
          .join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(LatchedSpanExporterProvider.SPANS.getFinishedSpanItems()).isEmpty();

      LatchedSpanExporterProvider.BUILD.countDown();
      List<SpanData> spans = InMemory.await(LatchedSpanExporterProvider.SPANS, 1,
          s -> s.getKind() == SpanKind.SERVER);
      assertThat(spans).extracting(SpanData::getName).containsExactly("GET /b");
    }
  }

  @Test
  void closeWhileTheExporterIsBuiltStillExportsWhatWasHeld() throws Exception {
    AotelSdk aotel = latched().start();
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/b")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
    Thread release = new Thread(() -> {
      sleep(200);
      LatchedSpanExporterProvider.BUILD.countDown();
    });
    release.start();
    aotel.close(); // waits for the exporter, then flushes through it
    release.join();
    assertThat(LatchedSpanExporterProvider.SPANS.getFinishedSpanItems())
        .extracting(SpanData::getName).contains("GET /b");
  }

  @Test
  void anExporterThatCannotBeBuiltIsReportedOnceAndRequestsGoOn() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (AotelSdk aotel = latched().property("aotel.test.broken", "true").start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      for (int i = 0; i < 3; i++) {
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/b"))
            .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      }
      ((io.opentelemetry.sdk.OpenTelemetrySdk) aotel.openTelemetry()).getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("'latched' span exporter could not be built")))
        .hasSize(1).allMatch(l -> l.contains("the test endpoint is malformed"));
    assertThat(LatchedSpanExporterProvider.SPANS.getFinishedSpanItems()).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
