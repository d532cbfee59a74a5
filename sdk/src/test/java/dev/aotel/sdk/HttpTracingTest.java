package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aotel.runtime.ActiveSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SDK, real HttpServer and HttpClient on loopback, generated handler wrappers. */
class HttpTracingTest {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  InMemorySpanExporter exporter = InMemorySpanExporter.create();
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  AotelSdk aotel;

  @BeforeEach
  void start() {
    aotel = InMemory.builder(exporter)
        .property("otel.instrumentation.http.server.capture-request-headers",
            "X-Tenant,Authorization,x-api-key")
        .property("otel.instrumentation.http.server.capture-response-headers",
            "x-answer,set-cookie")
        .property("otel.instrumentation.http.client.capture-response-headers", "X-Answer")
        .start();
  }

  @AfterEach
  void stop() {
    aotel.close();
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static SpanData only(List<SpanData> spans, SpanKind kind) {
    List<SpanData> matching = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  @Test
  void serverSpanNamesFollowEachRequestsMethodAndRoute() throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      server.route("/c", new TracedServices_ServiceB(new Services.ServiceB()));
      // "/ae" shares "/b"'s cache slot for every method; POST and HEAD share one for each route.
      server.route("/ae", new TracedServices_ServiceB(new Services.ServiceB()));
      List<String> sent = List.of("GET /b", "POST /c", "GET /c", "POST /b", "GET /b",
          "DELETE /c", "PURGE /b", "GET /c", "GET /ae", "GET /b", "HEAD /c", "POST /c");
      for (String request : sent) {
        String[] parts = request.split(" ");
        send(HttpRequest.newBuilder(server.uri(parts[1]))
            .method(parts[0], HttpRequest.BodyPublishers.noBody()));
      }
      server.awaitIdle();
      // The names are cached by method and route: each must still be its own request's.
      assertThat(InMemory.await(exporter, sent.size(), s -> s.getKind() == SpanKind.SERVER))
          .extracting(SpanData::getName)
          .containsExactlyInAnyOrder("GET /b", "POST /c", "GET /c", "POST /b", "GET /b",
              "DELETE /c", "HTTP /b", "GET /c", "GET /ae", "GET /b", "HEAD /c", "POST /c");
    }
  }

  @Test
  void serverSpanFollowsTheHttpConventions() throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpResponse<String> response = send(HttpRequest.newBuilder(
              server.uri("/b/items?x=1&sig=secret&AWSAccessKeyId=AKIA"))
          .header("User-Agent", "aotel-test/1.0"));
      assertThat(response.statusCode()).isEqualTo(200);

      SpanData span = only(InMemory.await(exporter, 1, s -> true), SpanKind.SERVER);
      assertThat(span.getName()).isEqualTo("GET /b");
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.aotel");
      assertThat(span.getAttributes().asMap()).containsAllEntriesOf(java.util.Map.of(
          METHOD, "GET",
          AttributeKey.stringKey("url.path"), "/b/items",
          AttributeKey.stringKey("url.query"), "x=1&sig=REDACTED&AWSAccessKeyId=REDACTED",
          AttributeKey.stringKey("url.scheme"), "http",
          AttributeKey.stringKey("http.route"), "/b",
          AttributeKey.stringKey("server.address"), "127.0.0.1",
          AttributeKey.longKey("server.port"), (long) server.port(),
          AttributeKey.stringKey("client.address"), "127.0.0.1",
          AttributeKey.stringKey("network.protocol.version"), "1.1",
          AttributeKey.stringKey("user_agent.original"), "aotel-test/1.0"));
      assertThat(span.getAttributes().get(STATUS)).isEqualTo(200L);
      assertThat(span.getAttributes().get(AttributeKey.longKey("network.peer.port"))).isPositive();
      assertThat(span.getAttributes().get(AttributeKey.longKey("client.port")))
          .as("opt-in on server spans").isNull();
      assertThat(span.getParentSpanContext().isValid()).isFalse();
    }
  }

  @Test
  void unknownMethodsAreOtherAndServerErrorsOnlyOn5xx() throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      send(HttpRequest.newBuilder(server.uri("/b")).method("PURGE",
          HttpRequest.BodyPublishers.noBody()));
      send(HttpRequest.newBuilder(server.uri("/b/404")));
      send(HttpRequest.newBuilder(server.uri("/b/500")));
      List<SpanData> spans = InMemory.await(exporter, 3, s -> true);
      assertThat(spans).hasSize(3);

      SpanData purge = spans.get(0);
      assertThat(purge.getName()).isEqualTo("HTTP /b");
      assertThat(purge.getAttributes().get(METHOD)).isEqualTo("_OTHER");
      assertThat(purge.getAttributes().get(
          AttributeKey.stringKey("http.request.method_original"))).isEqualTo("PURGE");

      SpanData notFound = spans.get(1);
      assertThat(notFound.getAttributes().get(STATUS)).isEqualTo(404L);
      assertThat(notFound.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(notFound.getAttributes().get(ERROR_TYPE)).isNull();

      SpanData failed = spans.get(2);
      assertThat(failed.getAttributes().get(STATUS)).isEqualTo(500L);
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(failed.getAttributes().get(ERROR_TYPE)).isEqualTo("500");
    }
  }

  @Test
  void knownMethodsCanBeOverridden() throws Exception {
    aotel.close(); // shuts its exporter down too
    exporter = InMemorySpanExporter.create();
    aotel = InMemory.builder(exporter)
        .property("otel.instrumentation.http.known-methods", "GET,PURGE").start();
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      send(HttpRequest.newBuilder(server.uri("/b")).method("PURGE",
          HttpRequest.BodyPublishers.noBody()));
      send(HttpRequest.newBuilder(server.uri("/b")).POST(HttpRequest.BodyPublishers.noBody()));
      List<SpanData> spans = InMemory.await(exporter, 2, s -> true);
      assertThat(spans).extracting(SpanData::getName).containsExactly("PURGE /b", "HTTP /b");
    }
  }

  @Test
  void aDistributedTraceAcrossTwoServices() throws Exception {
    Services.ServiceB b = new Services.ServiceB();
    Services.ServiceA a = new Services.ServiceA();
    try (Services.Server serverB = Services.Server.start();
        Services.Server serverA = Services.Server.start()) {
      serverB.route("/b", new TracedServices_ServiceB(b));
      serverA.route("/a", new TracedServices_ServiceA(a));
      a.downstream = serverB.uri("/b/x?X-Goog-Signature=secret&page=2");
      HttpResponse<String> response = send(HttpRequest.newBuilder(serverA.uri("/a")));
      assertThat(response.body()).isEqualTo("a+b");

      List<SpanData> spans = InMemory.await(exporter, 4, s -> true);
      assertThat(spans).hasSize(4);
      SpanData serverSpanA = spans.stream()
          .filter(s -> s.getName().equals("GET /a")).findFirst().orElseThrow();
      SpanData internal = only(spans, SpanKind.INTERNAL);
      SpanData clientSpan = only(spans, SpanKind.CLIENT);
      SpanData serverSpanB = spans.stream()
          .filter(s -> s.getName().equals("GET /b")).findFirst().orElseThrow();

      assertThat(spans).extracting(SpanData::getTraceId).containsOnly(serverSpanA.getTraceId());
      assertThat(internal.getName()).isEqualTo("pricing.quote");
      assertThat(internal.getParentSpanId()).isEqualTo(serverSpanA.getSpanId());
      assertThat(internal.getAttributes().get(AttributeKey.stringKey("sku"))).isEqualTo("sku-1");
      assertThat(internal.getAttributes().get(AttributeKey.stringKey("code.function.name")))
          .isEqualTo("dev.aotel.sdk.Services.Pricing.quote");
      assertThat(clientSpan.getParentSpanId()).isEqualTo(serverSpanA.getSpanId());
      assertThat(serverSpanB.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
      assertThat(serverSpanB.getParentSpanContext().isRemote()).isTrue();

      // The injected header is exactly the client span's context.
      assertThat(b.traceparents.poll(5, TimeUnit.SECONDS)).containsExactly(
          "00-" + clientSpan.getTraceId() + "-" + clientSpan.getSpanId() + "-"
              + clientSpan.getSpanContext().getTraceFlags().asHex());
      // And the handler saw its own server span as current.
      assertThat(b.activeSpans.poll(5, TimeUnit.SECONDS)).isEqualTo(
          new ActiveSpan(serverSpanB.getTraceId(), serverSpanB.getSpanId()));

      assertThat(clientSpan.getName()).isEqualTo("GET");
      assertThat(clientSpan.getAttributes().get(AttributeKey.stringKey("url.full")))
          .isEqualTo(serverB.uri("/b/x?X-Goog-Signature=REDACTED&page=2").toString());
      assertThat(clientSpan.getAttributes().get(AttributeKey.stringKey("server.address")))
          .isEqualTo("127.0.0.1");
      assertThat(clientSpan.getAttributes().get(AttributeKey.longKey("server.port")))
          .isEqualTo((long) serverB.port());
      assertThat(clientSpan.getAttributes().get(STATUS)).isEqualTo(200L);
      assertThat(clientSpan.getAttributes().get(
          AttributeKey.stringArrayKey("http.response.header.x-answer"))).containsExactly("42");
    }
  }

  @Test
  void clientSpansAreErrorsOn4xx() throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpClient traced = dev.aotel.runtime.TracedHttpClient.wrap(client);
      HttpResponse<String> response = traced.send(HttpRequest.newBuilder(
          server.uri("/b/404")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(404);
      SpanData span = only(InMemory.await(exporter, 2, s -> true), SpanKind.CLIENT);
      assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("404");
    }
  }

  @Test
  void configuredHeadersAreCapturedAndCredentialsNever() throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      send(HttpRequest.newBuilder(server.uri("/b"))
          .header("X-Tenant", "acme").header("X-Tenant", "beta")
          .header("Authorization", "Bearer secret").header("X-Api-Key", "k")
          .header("X-Other", "not configured"));
      SpanData span = only(InMemory.await(exporter, 1, s -> true), SpanKind.SERVER);
      assertThat(span.getAttributes().get(
          AttributeKey.stringArrayKey("http.request.header.x-tenant")))
          .containsExactly("acme", "beta");
      assertThat(span.getAttributes().get(
          AttributeKey.stringArrayKey("http.response.header.x-answer"))).containsExactly("42");
      String everything = span.getAttributes().toString();
      assertThat(everything).doesNotContain("authorization").doesNotContain("secret")
          .doesNotContain("api-key").doesNotContain("set-cookie").doesNotContain("x-other");
    }
  }

  @Test
  void aSpanAttachedByTheUserIsTheParentOfClientCalls() throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpClient traced = dev.aotel.runtime.TracedHttpClient.wrap(client);
      io.opentelemetry.api.trace.Span parent = aotel.openTelemetry().getTracer("test")
          .spanBuilder("job").startSpan();
      try (io.opentelemetry.context.Scope scope = parent.makeCurrent()) {
        traced.sendAsync(HttpRequest.newBuilder(server.uri("/b")).build(),
            HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
      } finally {
        parent.end();
      }
      SpanData clientSpan = only(InMemory.await(exporter, 3, s -> true), SpanKind.CLIENT);
      assertThat(clientSpan.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    }
  }
}
