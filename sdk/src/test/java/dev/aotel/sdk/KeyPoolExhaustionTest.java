package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aotel.runtime.SemconvKey;
import dev.aotel.runtime.internal.KeyPool;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 10,000 distinct configured names fill the JVM-wide key pool. The pool stays at its bound with
 * one warning, and trace context still crosses services, for W3C and for B3 (whose headers are
 * not fast headers, so they live in the pool too).
 *
 * <p>Surefire runs this class in a JVM of its own (see the sdk pom): a full pool is JVM-wide and
 * would take the configured capture headers of every later test.
 */
class KeyPoolExhaustionTest {
  @Test
  void aFullPoolWarnsOnceAndPropagationStillWorks() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 10_000; i++) {
        assertThat(SemconvKey.requestHeader("x-configured-" + i)).isNotNull();
      }
    } finally {
      System.setErr(original);
    }
    assertThat(KeyPool.size()).isEqualTo(KeyPool.MAX_KEYS);
    assertThat(SemconvKey.requestHeader("x-one-more")).isSameAs(KeyPool.OVERFLOW);
    assertThat(err.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("key pool is full"))).hasSize(1);

    for (String propagators : List.of("tracecontext,baggage", "b3multi")) {
      InMemorySpanExporter exporter = InMemorySpanExporter.create();
      Services.ServiceB b = new Services.ServiceB();
      Services.ServiceA a = new Services.ServiceA();
      try (AotelSdk aotel = InMemory.builder(exporter)
              .property("otel.propagators", propagators).start();
          Services.Server serverB = Services.Server.start();
          Services.Server serverA = Services.Server.start()) {
        serverB.route("/b", new TracedServices_ServiceB(b));
        serverA.route("/a", new TracedServices_ServiceA(a));
        a.downstream = serverB.uri("/b");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(serverA.uri("/a")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("a+b");

        List<SpanData> spans = InMemory.await(exporter, 4, s -> true);
        assertThat(spans).as(propagators).extracting(SpanData::getTraceId)
            .containsOnly(spans.get(0).getTraceId());
        SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
            .findFirst().orElseThrow();
        SpanData spanB = spans.stream().filter(s -> s.getName().equals("GET /b"))
            .findFirst().orElseThrow();
        assertThat(spanB.getParentSpanId()).as(propagators).isEqualTo(client.getSpanId());
      }
    }
  }
}
