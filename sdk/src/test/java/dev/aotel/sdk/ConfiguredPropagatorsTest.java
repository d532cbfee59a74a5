package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Extraction reads whatever headers the configured propagators name, not only W3C's. */
class ConfiguredPropagatorsTest {
  @Test
  void b3MultiGivesOneTraceAcrossTwoServices() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    Services.ServiceB b = new Services.ServiceB();
    Services.ServiceA a = new Services.ServiceA();
    try (AotelSdk aotel = InMemory.builder(exporter).property("otel.propagators", "b3multi")
            .start();
        Services.Server serverB = Services.Server.start();
        Services.Server serverA = Services.Server.start()) {
      serverB.route("/b", new TracedServices_ServiceB(b));
      serverA.route("/a", new TracedServices_ServiceA(a));
      a.downstream = serverB.uri("/b");
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(serverA.uri("/a")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.body()).isEqualTo("a+b");

      List<SpanData> spans = InMemory.await(exporter, 4, s -> true);
      assertThat(spans).hasSize(4);
      assertThat(spans).extracting(SpanData::getTraceId).containsOnly(spans.get(0).getTraceId());
      SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
          .findFirst().orElseThrow();
      SpanData spanB = spans.stream().filter(s -> s.getName().equals("GET /b"))
          .findFirst().orElseThrow();
      assertThat(spanB.getParentSpanId()).isEqualTo(client.getSpanId());
      // Only B3 went over the wire: the trace was carried by X-B3-* alone.
      assertThat(b.traceparents.poll(5, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void tracecontextAndBaggageAreAotelsOwnAndOtherPropagatorsStayAsConfigured() {
    try (AotelSdk aotel = AotelSdk.builder().registerGlobal(false)
        .property("otel.traces.exporter", "none")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .start()) {
      assertThat(fields(aotel)).containsExactly("traceparent", "tracestate", "baggage");
      assertThat(aotel.openTelemetry().getPropagators().getTextMapPropagator().toString())
          .contains("W3CTraceContext").contains("W3CBaggage")
          .doesNotContain("W3CTraceContextPropagator");
    }
    try (AotelSdk aotel = AotelSdk.builder().registerGlobal(false)
        .property("otel.traces.exporter", "none")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .property("otel.propagators", "b3multi")
        .start()) {
      assertThat(fields(aotel)).contains("X-B3-TraceId").doesNotContain("traceparent");
    }
  }

  private static java.util.Collection<String> fields(AotelSdk aotel) {
    return aotel.openTelemetry().getPropagators().getTextMapPropagator().fields();
  }
}
