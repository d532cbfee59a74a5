package dev.aotel.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.JavaFileObjects;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.aotel.runtime.InstrumentKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A generated handler wrapper on a real HttpServer, called by a real HttpClient. */
class HandlerWrapperTest {
  static ClassLoader loader;

  RecordingInstrument instrument;

  @BeforeAll
  static void compile() {
    loader = TestCompiler.load(TestCompiler.compile(JavaFileObjects.forSourceLines("web.Hello",
        "package web;",
        "import com.sun.net.httpserver.HttpExchange;",
        "import com.sun.net.httpserver.HttpHandler;",
        "import dev.aotel.Traced;",
        "@Traced",
        "public class Hello implements HttpHandler {",
        "  public void handle(HttpExchange exchange) throws java.io.IOException {",
        "    exchange.getRequestBody().readAllBytes();",
        "    if (exchange.getRequestURI().getPath().endsWith(\"/boom\")) {",
        "      throw new IllegalStateException(\"boom\");",
        "    }",
        "    byte[] body = \"hello, world\".getBytes();",
        "    exchange.getResponseHeaders().add(\"X-Answer\", \"42\");",
        "    exchange.sendResponseHeaders(exchange.getRequestURI().getPath().endsWith(\"/fail\")",
        "        ? 503 : 201, body.length);",
        "    try (var out = exchange.getResponseBody()) { out.write(body); }",
        "  }",
        "}"),
        JavaFileObjects.forSourceLines("web.Orders",
        "package web;",
        "@dev.aotel.Traced(\"/orders/{id}\")",
        "public class Orders implements com.sun.net.httpserver.HttpHandler {",
        "  public void handle(com.sun.net.httpserver.HttpExchange exchange)",
        "      throws java.io.IOException {",
        "    exchange.sendResponseHeaders(204, -1);",
        "    exchange.close();",
        "  }",
        "}")));
  }

  @BeforeEach
  void attach() {
    instrument = RecordingInstrument.attach(InstrumentKind.HTTP_SERVER);
  }

  @AfterEach
  void detach() {
    instrument.detach();
  }

  static HttpHandler handler(String wrapper, String delegate) throws Exception {
    return (HttpHandler) TestCompiler.wrap(loader, wrapper, delegate);
  }

  /** A started server on an ephemeral loopback port; close() stops it. */
  record Server(HttpServer server) implements AutoCloseable {
    static Server start(String path, HttpHandler handler) throws IOException {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(path, handler);
      server.start();
      return new Server(server);
    }

    URI uri(String pathAndQuery) {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static HttpResponse<String> get(URI uri) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("User-Agent", "aotel-test").build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void statusSizeRouteAndRequestAttributesReachTheInstrument() throws Exception {
    try (Server server = Server.start("/hello", handler("web.TracedHello", "web.Hello"))) {
      HttpResponse<String> response = get(server.uri("/hello/there?x=1&sig=secret"));
      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.body()).isEqualTo("hello, world");
      assertThat(response.headers().firstValue("x-answer")).hasValue("42");

      RecordingInstrument.Ended ended = instrument.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended).isNotNull();
      assertThat(ended.attributes())
          .containsEntry("http.request.method", "GET")
          .containsEntry("url.path", "/hello/there")
          // Redacted where captured: not even a raw instrument sees the secret.
          .containsEntry("url.query", "x=1&sig=REDACTED")
          .containsEntry("url.scheme", "http")
          .containsEntry("http.route", "/hello")
          .containsEntry("server.address", "127.0.0.1")
          .containsEntry("server.port", (long) server.server().getAddress().getPort())
          .containsEntry("client.address", "127.0.0.1")
          .containsEntry("network.protocol.version", "1.1")
          .containsEntry("user_agent.original", "aotel-test")
          .containsEntry("http.response.status_code", 201L)
          .containsEntry("http.response.body.size", 12L)
          .containsKey("network.peer.port")
          .doesNotContainKey("client.port"); // opt-in on server spans
      assertThat(instrument.calls).containsExactly("start", "enter", "exit", "end");
    }
  }

  @Test
  void aServerErrorStatusIsRecorded() throws Exception {
    try (Server server = Server.start("/hello", handler("web.TracedHello", "web.Hello"))) {
      assertThat(get(server.uri("/hello/fail")).statusCode()).isEqualTo(503);
      assertThat(instrument.ended.poll(10, TimeUnit.SECONDS).attributes())
          .containsEntry("http.response.status_code", 503L);
    }
  }

  @Test
  void theRouteTemplateOfTheAnnotationWins() throws Exception {
    try (Server server = Server.start("/orders/", handler("web.TracedOrders", "web.Orders"))) {
      assertThat(get(server.uri("/orders/17")).statusCode()).isEqualTo(204);
      assertThat(instrument.ended.poll(10, TimeUnit.SECONDS).attributes())
          .containsEntry("http.route", "/orders/{id}")
          .containsEntry("http.response.status_code", 204L);
    }
  }

  @Test
  void aThrowingHandlerIsRecordedAndTheClientSeesWhatItWouldWithoutTheWrapper()
      throws Exception {
    Class<? extends Throwable> plain;
    HttpHandler unwrapped = (HttpHandler) loader.loadClass("web.Hello").getConstructor()
        .newInstance();
    try (Server server = Server.start("/hello", unwrapped)) {
      plain = catchThrowableClass(server.uri("/hello/boom"));
    }
    try (Server server = Server.start("/hello", handler("web.TracedHello", "web.Hello"))) {
      assertThat(catchThrowableClass(server.uri("/hello/boom"))).isEqualTo(plain);
      RecordingInstrument.Ended ended = instrument.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.attributes()).containsEntry("error.type",
          "java.lang.IllegalStateException").doesNotContainKey("http.response.status_code");
      assertThat(ended.error()).contains("boom");
      // java.net.http retries an idempotent GET once when the connection closes without an
      // answer, so the server may see the request twice; each must run the full lifecycle.
      List<String> one = List.of("start", "enter", "exit", "error:IllegalStateException", "end");
      assertThat(instrument.calls.size() % one.size()).isZero();
      for (int i = 0; i < instrument.calls.size(); i += one.size()) {
        assertThat(instrument.calls.subList(i, i + one.size())).isEqualTo(one);
      }
    }
  }

  private static Class<? extends Throwable> catchThrowableClass(URI uri) {
    try {
      HttpResponse<String> response = get(uri);
      return response.statusCode() == 500 ? null : AssertionError.class;
    } catch (Exception e) {
      return e.getClass();
    }
  }

  @Test
  void nothingAttachedCallsTheHandlerAndNothingElse() throws Exception {
    instrument.detach();
    try (Server server = Server.start("/hello", handler("web.TracedHello", "web.Hello"))) {
      assertThat(get(server.uri("/hello")).statusCode()).isEqualTo(201);
    }
    assertThat(instrument.calls).isEmpty();
  }

  @Test
  void repeatedPropagationHeadersAreCarriedButCapturedHeadersNeedConfiguration()
      throws Exception {
    try (Server server = Server.start("/hello", handler("web.TracedHello", "web.Hello"))) {
      HttpClient client = HttpClient.newHttpClient();
      client.send(HttpRequest.newBuilder(server.uri("/hello"))
              .header("tracestate", "a=1").header("tracestate", "b=2")
              .header("X-Tenant", "acme").build(),
          HttpResponse.BodyHandlers.discarding());
      RecordingInstrument.Ended ended = instrument.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.attributes()).containsEntry("http.request.header.tracestate",
          List.of("a=1", "b=2")).doesNotContainKey("http.request.header.x-tenant");
    }
    assertThatThrownBy(() -> instrument.ended.remove()).isInstanceOf(
        java.util.NoSuchElementException.class);
  }
}
