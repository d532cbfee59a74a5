package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OTLP export with no exporter settings but the endpoint: AotelSdk's default is http/protobuf,
 * and the spans arrive at /v1/traces (the seed's issue 3775).
 */
class ExportTest {
  record Received(String path, String contentType, ExportTraceServiceRequest request) {}

  @Test
  void otlpHttpProtobufIsTheDefaultAndSpansReachV1Traces() throws Exception {
    BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    HttpServer collector = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            ExportTraceServiceRequest.parseFrom(body)));
        exchange.sendResponseHeaders(200, -1);
      } catch (IOException e) {
        exchange.sendResponseHeaders(400, -1);
      }
    });
    collector.start();
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      try (AotelSdk aotel = AotelSdk.builder()
          .registerGlobal(false)
          .serviceName("checkout")
          .property("otel.exporter.otlp.endpoint",
              "http://127.0.0.1:" + collector.getAddress().getPort())
          .property("otel.metrics.exporter", "none")
          .property("otel.logs.exporter", "none")
          .start()) {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(server.uri("/b/x")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        server.awaitIdle(); // the server span has ended
      } // close() flushes the batch processor
      Received first = received.poll(10, TimeUnit.SECONDS);
      assertThat(first).as("an OTLP request reached the collector").isNotNull();
      assertThat(first.path()).isEqualTo("/v1/traces");
      assertThat(first.contentType()).isEqualTo("application/x-protobuf");
      ResourceSpans resourceSpans = first.request().getResourceSpans(0);
      assertThat(attribute(resourceSpans.getResource().getAttributesList(), "service.name"))
          .isEqualTo("checkout");
      assertThat(attribute(resourceSpans.getResource().getAttributesList(), "process.pid"))
          .isNotEmpty();
      assertThat(attribute(resourceSpans.getResource().getAttributesList(), "host.name"))
          .isNotEmpty();
      // The entities autoconfigure's providers describe travel with it, as the SDK's exporter
      // sends them: the service instance, identified by its random id.
      assertThat(resourceSpans.getResource().getEntityRefsList())
          .anySatisfy(ref -> {
            assertThat(ref.getType()).isEqualTo("service.instance");
            assertThat(ref.getIdKeysList()).containsExactly("service.instance.id");
          });
      assertThat(attribute(resourceSpans.getResource().getAttributesList(),
          "service.instance.id")).isNotEmpty();
      Span span = resourceSpans.getScopeSpans(0).getSpans(0);
      assertThat(span.getName()).isEqualTo("GET /b");
      assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    } finally {
      collector.stop(0);
    }
  }

  static String attribute(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(a -> a.getKey().equals(key)).findFirst()
        .map(a -> a.getValue().hasStringValue() ? a.getValue().getStringValue()
            : String.valueOf(a.getValue().getIntValue()))
        .orElse(null);
  }
}
