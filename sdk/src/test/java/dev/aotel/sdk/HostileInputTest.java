package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aotel.runtime.internal.KeyPool;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Crafted input never reaches the handler as an exception, never grows the key pool past its
 * bound, and never fails a request that the plain JDK server would have served.
 */
class HostileInputTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private AotelSdk aotel;
  private Services.Server server;

  @BeforeEach
  void start() throws Exception {
    aotel = InMemory.builder(spans)
        .property("otel.instrumentation.http.server.capture-request-headers", "x-big,x-tenant")
        .start();
    server = Services.Server.start();
    server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
    server.route("/plain", new Services.ServiceB()); // the same handler, not traced
  }

  @AfterEach
  void stop() {
    server.close();
    aotel.close();
  }

  /** Sends raw bytes and returns the status line, or "closed" if the server hung up. */
  private String raw(String path, String headers) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.isEmpty() ? "closed" : response.lines().findFirst().orElse("closed");
    }
  }

  @Test
  void tenThousandDistinctHeaderNamesLeaveThePoolAlone() throws Exception {
    int poolBefore = KeyPool.size();
    for (int request = 0; request < 53; request++) { // 53 x 190 = 10,070 names
      HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri("/b"))
          .timeout(Duration.ofSeconds(10));
      for (int h = 0; h < 190; h++) { // the JDK server takes 200 headers, ours included
        builder.header("x-r" + request + "-h" + h + "-" + UUID.randomUUID(), "v");
      }
      assertThat(client.send(builder.build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);
    }
    assertThat(KeyPool.size()).isEqualTo(poolBefore);
  }

  @Test
  void aSixtyFourKilobyteValueIsServedAndCapturedWhole() throws Exception {
    String big = "v".repeat(64 * 1024);
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/b"))
            .header("x-big", big).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    SpanData span = InMemory.await(spans, 1, s -> true).get(0);
    assertThat(span.getAttributes().get(AttributeKey.stringArrayKey(
        "http.request.header.x-big"))).containsExactly(big);
  }

  @Test
  void controlAndNonAsciiCharactersGetWhatThePlainServerGives() throws Exception {
    for (String header : List.of("X-Tenant: caf\u00e9 \u00ff\r\n", "X-Tenant: a\u0001b\u007f\r\n",
        "X-\u00e9: 1\r\n", "traceparent: 00-\u00e9\u00e9-\u0001-01\r\n",
        "tracestate: \u0000=\u0000\r\n")) {
      String plain = raw("/plain", header);
      assertThat(raw("/b", header)).as("%s", header).isEqualTo(plain);
    }
  }

  @Test
  void aHugeTraceparentStartsANewTrace() throws Exception {
    // The JDK server reads at most sun.net.httpserver.maxReqHeaderSize (raised for the tests).
    String huge = "00-" + "a".repeat(1024 * 1024) + "-00f067aa0ba902b7-01";
    assertThat(raw("/b", "traceparent: " + huge + "\r\n")).isEqualTo("HTTP/1.1 200 OK");
    SpanData span = InMemory.await(spans, 1, s -> true).get(0);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
  }
}
