package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aotel.runtime.TracedHttpClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PropagationAndErrorsTest {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";
  private static final char[] STORE_PASSWORD = "aotel-test".toCharArray();

  InMemorySpanExporter exporter = InMemorySpanExporter.create();
  AotelSdk aotel;

  @BeforeEach
  void start() {
    aotel = InMemory.builder(exporter).start();
  }

  @AfterEach
  void stop() {
    aotel.close();
  }

  @Test
  void aValidTraceparentContinuesTheTraceWithTracestateFromRepeatedHeaders() throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpResponse<Void> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.uri("/b"))
              .header("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01")
              .header("tracestate", "a=1").header("tracestate", "b=2").build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(response.statusCode()).isEqualTo(200);
      SpanData span = InMemory.await(exporter, 1, s -> true).get(0);
      assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
      assertThat(span.getParentSpanId()).isEqualTo(SPAN_ID);
      assertThat(span.getParentSpanContext().getTraceState().get("a")).isEqualTo("1");
      assertThat(span.getParentSpanContext().getTraceState().get("b")).isEqualTo("2");
    }
  }

  /** The malformed cases of the W3C Trace Context specification and its test suite. */
  static Stream<List<String>> malformed() {
    String id = TRACE_ID;
    String parent = SPAN_ID;
    return Stream.of(
        List.of(""),
        List.of(" "),
        List.of("00"),
        List.of("ff-" + id + "-" + parent + "-01"),                // forbidden version
        List.of("0-" + id + "-" + parent + "-01"),                 // version too short
        List.of("000-" + id + "-" + parent + "-01"),               // version too long
        List.of("0x-" + id + "-" + parent + "-01"),                // version not hex
        List.of("00-" + id.substring(1) + "-" + parent + "-01"),   // trace id too short
        List.of("00-" + id + "0-" + parent + "-01"),               // trace id too long
        List.of("00-" + id.toUpperCase() + "-" + parent + "-01"),  // uppercase trace id
        List.of("00-" + "0".repeat(32) + "-" + parent + "-01"),    // all-zero trace id
        List.of("00-" + id.replace('b', 'g') + "-" + parent + "-01"), // not hex
        List.of("00-" + id + "-" + parent.substring(1) + "-01"),   // parent id too short
        List.of("00-" + id + "-" + parent + "0-01"),               // parent id too long
        List.of("00-" + id + "-" + parent.toUpperCase() + "-01"),  // uppercase parent id
        List.of("00-" + id + "-" + "0".repeat(16) + "-01"),        // all-zero parent id
        List.of("00-" + id + "-" + parent + "-1"),                 // flags too short
        List.of("00-" + id + "-" + parent + "-0g"),                // flags not hex
        List.of("00-" + id + "-" + parent),                        // flags missing
        List.of("00-" + id + "-" + parent + "-01-extra"),          // version 00 has 4 fields
        List.of("00_" + id + "_" + parent + "_01"),                // wrong separator
        List.of("00-" + id + "-" + parent + "-01", "00-" + id + "-" + parent + "-00")); // twice
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void aMalformedTraceparentStartsANewTraceAndNeverFailsTheRequest(List<String> values)
      throws Exception {
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/b"))
          .timeout(Duration.ofSeconds(10));
      for (String value : values) {
        request.header("traceparent", value);
      }
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("b");
      SpanData span = InMemory.await(exporter, 1, s -> true).get(0);
      assertThat(span.getParentSpanContext().isValid()).isFalse();
      assertThat(span.getTraceId()).isNotEqualTo(TRACE_ID);
      assertThat(span.getSpanContext().isValid()).isTrue();
    }
  }

  // ---- client failures: four causes, four error.type values ----

  private SpanData failedClientCall(URI uri, Duration timeout) throws Exception {
    return failedClientCall(uri, timeout, Duration.ofSeconds(5));
  }

  private SpanData failedClientCall(URI uri, Duration timeout, Duration connectTimeout)
      throws Exception {
    HttpClient client = TracedHttpClient.wrap(HttpClient.newBuilder()
        .connectTimeout(connectTimeout).build());
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).timeout(timeout).build(),
        HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
    SpanData span = InMemory.await(exporter, 1, s -> s.getKind() == SpanKind.CLIENT).get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    return span;
  }

  private static String errorType(SpanData span) {
    return span.getAttributes().get(AttributeKey.stringKey("error.type"));
  }

  @Test
  void connectionRefused() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    SpanData span = failedClientCall(URI.create("http://127.0.0.1:" + port + "/"),
        Duration.ofSeconds(5));
    assertThat(errorType(span)).isEqualTo("java.net.ConnectException");
  }

  @Test
  void unknownHost() throws Exception {
    SpanData span = failedClientCall(URI.create("http://no-such-host.invalid/"),
        Duration.ofSeconds(5));
    assertThat(errorType(span)).isEqualTo("java.nio.channels.UnresolvedAddressException");
  }

  @Test
  void timeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // Accepts (through the backlog) and never answers.
      SpanData span = failedClientCall(
          URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), Duration.ofMillis(300));
      assertThat(errorType(span)).isEqualTo("java.net.http.HttpTimeoutException");
    }
  }

  @Test
  void tlsFailure() throws Exception {
    // A real TLS server whose self-signed certificate (a checked-in PKCS12 file) the client does
    // not trust: the handshake fails in the client's own certificate check, so the client always
    // reports it. A clear-text answer to the ClientHello instead left the JDK 17 client waiting
    // for its connect timeout in about one run in four.
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Objects.requireNonNull(
        getClass().getResourceAsStream("/untrusted-localhost.p12"), "the test's key store")) {
      keys.load(in, STORE_PASSWORD);
    }
    assertThat(keys.containsAlias("untrusted")).isTrue();
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, STORE_PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    try (SSLServerSocket listener = (SSLServerSocket) tls.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(30_000); // a client that never connects does not hold the test
      Thread server = new Thread(() -> {
        try (SSLSocket socket = (SSLSocket) listener.accept()) {
          socket.setSoTimeout(30_000);
          socket.startHandshake();
        } catch (IOException e) {
          // the client rejected the certificate: expected
        }
      });
      server.start();
      try {
        // The connect timeout covers the handshake, and the JVM's first handshake loads the TLS
        // stack: seconds on a loaded two-core machine. A long timeout costs a passing run nothing.
        SpanData span = failedClientCall(
            URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/"),
            Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(errorType(span)).isEqualTo("javax.net.ssl.SSLHandshakeException");
      } finally {
        server.join(30_000);
      }
    }
  }
}
