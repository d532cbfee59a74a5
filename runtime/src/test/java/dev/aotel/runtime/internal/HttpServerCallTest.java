package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import dev.aotel.runtime.Telemetry;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP server operations over real sockets: semantics derived once, HTTPS, late completion. */
class HttpServerCallTest {
  private final List<Long> attached = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void detachAll() {
    attached.forEach(Telemetry::detach);
  }

  private <T extends Instrument> T attach(T instrument) {
    attached.add(Telemetry.attach(instrument));
    return instrument;
  }

  /** What a generated handler wrapper does. */
  static HttpHandler traced(HttpHandler delegate, String route) {
    return exchange -> {
      HttpServerCall call = HttpServerCall.start(exchange, route);
      try (Scope scope = call.makeCurrent()) {
        delegate.handle(call.exchange());
      } catch (Throwable t) {
        call.error(t);
        throw t;
      } finally {
        call.handlerReturned();
      }
    };
  }

  /** Snapshots what it sees at every hook, and records where and when the operation ended. */
  static class Snapshots implements Instrument {
    final String name;
    final List<String> seen = new CopyOnWriteArrayList<>();
    final BlockingQueue<AttributeMap> ended = new LinkedBlockingQueue<>();
    volatile Thread endThread;
    AttributeList capturedResponse = AttributeList.EMPTY;
    AttributeList injected = AttributeList.EMPTY;

    Snapshots(String name) {
      this.name = name;
    }

    @Override
    public InstrumentKind kind() {
      return InstrumentKind.HTTP_SERVER;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void onOperationStart(AttributeMap attributes) {
      seen.add("start " + attributes);
    }

    @Override
    public void onOperationError(AttributeMap attributes, Throwable error) {
      seen.add("error " + attributes);
    }

    @Override
    public void onOperationEnd(AttributeMap attributes) {
      seen.add("end " + attributes + " took " + attributes.durationNanos());
      endThread = Thread.currentThread();
      ended.add(attributes);
    }

    @Override
    public AttributeList capturedResponseHeaders() {
      return capturedResponse;
    }

    @Override
    public AttributeList injectedHeaders() {
      return injected;
    }

    @Override
    public List<String> onOperationInject(AttributeMap attributes) {
      return List.of("from-" + name);
    }
  }

  /** Tries to change what others see, in every hook; the runtime refuses. */
  static final class Meddler extends Snapshots {
    final List<Throwable> refused = new CopyOnWriteArrayList<>();

    Meddler() {
      super("meddler");
    }

    private void meddle(AttributeMap attributes) {
      try {
        attributes.set(AttributeKey.HTTP_ROUTE, "/meddled");
      } catch (IllegalStateException e) {
        refused.add(e);
        throw e; // as a careless instrument would: the registry contains it
      }
    }

    @Override
    public void onOperationStart(AttributeMap attributes) {
      meddle(attributes);
    }

    @Override
    public void onOperationError(AttributeMap attributes, Throwable error) {
      meddle(attributes);
    }

    @Override
    public void onOperationEnd(AttributeMap attributes) {
      meddle(attributes);
    }
  }

  private static HttpServer serve(HttpServer server, HttpHandler handler) {
    server.createContext("/orders", handler);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    return server;
  }

  private static void stop(HttpServer server) {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  /** The next operation {@code instrument} saw end, waiting up to 10 s for it. */
  private static AttributeMap nextEnd(Snapshots instrument) throws InterruptedException {
    AttributeMap ended = instrument.ended.poll(10, TimeUnit.SECONDS);
    assertThat(ended).as(instrument.name() + " ended").isNotNull();
    return ended;
  }

  private static void awaitEnd(Snapshots... instruments) throws InterruptedException {
    for (Snapshots instrument : instruments) {
      nextEnd(instrument);
    }
  }

  private HttpResponse<String> send(URI uri, String method) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers
        .ofString("12345")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyInstrumentSeesTheSameDerivedValuesWhateverTheAttachOrder(boolean reversed)
      throws Exception {
    Meddler meddler = new Meddler();
    Snapshots a = new Snapshots("a");
    Snapshots b = new Snapshots("b");
    List<Snapshots> order = reversed ? List.of(b, meddler, a) : List.of(a, meddler, b);
    List<String> warnings = FailureReporterTest.captureStderr(() -> order.forEach(this::attach));
    assertThat(warnings).isEmpty();
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          if (exchange.getRequestURI().getPath().endsWith("/boom")) {
            throw new IllegalStateException("boom");
          }
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        }, "/orders/{id}"));
    try {
      URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      List<String> report = FailureReporterTest.captureStderr(() -> {
        try {
          assertThat(send(base.resolve("/orders/7?sig=secret&x=1"), "PURGE").statusCode())
              .isEqualTo(503);
          awaitEnd(a, b); // both: the one attached last sees the end last
          try {
            send(base.resolve("/orders/boom"), "POST"); // GET would be retried
          } catch (IOException expected) {
            // the JDK server drops the connection of a handler that threw
          }
          awaitEnd(a, b);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      assertThat(report).anySatisfy(line -> assertThat(line).contains("'meddler'"));
    } finally {
      stop(server);
    }
    assertThat(a.seen).hasSize(5).isEqualTo(b.seen);
    assertThat(meddler.refused).hasSize(5)
        .allSatisfy(e -> assertThat(e).hasMessageContaining("read-only"));
    String first = a.seen.get(0);
    // Derived once by the runtime, before any instrument ran.
    assertThat(first).contains("http.request.method=_OTHER")
        .contains("http.request.method_original=PURGE").contains("http.route=/orders/{id}")
        .contains("url.query=sig=REDACTED&x=1").contains("http.request.body.size=5")
        .doesNotContain("/meddled");
    assertThat(a.seen.get(1)).startsWith("end ").contains("http.response.status_code=503")
        .contains("error.type=503");
    assertThat(a.seen.get(3)).startsWith("error ")
        .contains("error.type=java.lang.IllegalStateException");
  }

  /**
   * {@code server.address} and {@code server.port} as the Host header names them; its missing
   * port, or a request with no Host at all (HTTP/1.0), filled in from the socket the request came
   * in on.
   */
  @Test
  void theServerAddressAndPortComeFromTheHostHeaderElseFromTheSocket() throws Exception {
    Snapshots seen = attach(new Snapshots("server"));
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        }, "/orders"));
    int port = server.getAddress().getPort();
    try {
      for (String head : List.of("GET /orders HTTP/1.1\r\nHost: shop.example:8443\r\n",
          "GET /orders HTTP/1.1\r\nHost: shop.example\r\n", "GET /orders HTTP/1.0\r\n")) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
          socket.setSoTimeout(10_000);
          socket.getOutputStream().write((head + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          assertThat(new String(socket.getInputStream().readAllBytes(),
              StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 204");
        }
      }
      List<AttributeMap> ended = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ended.add(nextEnd(seen));
      }
      // In any order: an operation ends as its response goes out, so the next request's may be
      // recorded first. The three expected pairs differ, so each request is still told apart.
      assertThat(ended).extracting(m -> m.get(AttributeKey.SERVER_ADDRESS),
          m -> m.get(AttributeKey.SERVER_PORT)).containsExactlyInAnyOrder(
              tuple("shop.example", 8443L), tuple("shop.example", (long) port),
              tuple("127.0.0.1", (long) port));
    } finally {
      stop(server);
    }
  }

  @Test
  void aResponseCompletedLaterOnAnotherThreadEndsWhenTheExchangeCloses() throws Exception {
    Snapshots s = attach(new Snapshots("s"));
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> later.schedule(() -> {
          exchange.sendResponseHeaders(202, 3);
          exchange.getResponseBody().write("ok\n".getBytes());
          exchange.close();
          return null;
        }, 50, TimeUnit.MILLISECONDS), null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders/x");
      assertThat(send(uri, "GET").statusCode()).isEqualTo(202);
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended).isNotNull();
      assertThat(ended.durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(202L);
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_BODY_SIZE)).isEqualTo(3L);
      assertThat(ended.get(AttributeKey.HTTP_ROUTE)).isEqualTo("/orders");
      assertThat(s.endThread.getName()).doesNotContain("HTTP-Dispatcher");
      assertThat(s.ended.poll(200, TimeUnit.MILLISECONDS)).as("ended once").isNull();
    } finally {
      stop(server);
      later.shutdownNow();
    }
  }

  @Test
  void aStreamedResponseFlushedByTheHandlerReachesTheClientBeforeTheHandlerGoesOn()
      throws Exception {
    Snapshots s = attach(new Snapshots("s"));
    CountDownLatch clientGotFirst = new CountDownLatch(1);
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked
          OutputStream body = exchange.getResponseBody();
          body.write("first\n".getBytes());
          body.flush();
          try {
            // Only a flush that reached the socket lets the client read the first line.
            if (!clientGotFirst.await(10, TimeUnit.SECONDS)) {
              body.write("never flushed\n".getBytes());
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          body.write("second\n".getBytes());
          body.close();
        }, null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders/x");
      HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
      StringBuilder lines = new StringBuilder();
      try (InputStream in = response.body()) {
        for (int c; (c = in.read()) != -1; ) {
          lines.append((char) c);
          if (lines.toString().equals("first\n")) {
            clientGotFirst.countDown();
          }
        }
      }
      assertThat(lines.toString()).isEqualTo("first\nsecond\n");
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended).isNotNull();
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_BODY_SIZE)).isEqualTo(13L);
    } finally {
      stop(server);
    }
  }

  @Test
  void aHandlerThatSentItsHeadersEndsWhenItReturnsThoughItNeverClosesTheExchange()
      throws Exception {
    Snapshots s = attach(new Snapshots("s"));
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("hi".getBytes());
          exchange.getResponseBody().close(); // body only, as many handlers do
        }, null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      assertThat(send(uri, "GET").body()).isEqualTo("hi");
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_BODY_SIZE)).isEqualTo(2L);
      assertThat(s.ended.poll(200, TimeUnit.MILLISECONDS)).as("ended once").isNull();
    } finally {
      stop(server);
    }
  }

  @Test
  void headersAnotherThreadSentBeforeTheHandlerReturnedWaitForThatThreadsClose()
      throws Exception {
    Snapshots s = attach(new Snapshots("s"));
    ExecutorService other = Executors.newSingleThreadExecutor();
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          CountDownLatch headersSent = new CountDownLatch(1);
          other.execute(() -> {
            try {
              exchange.sendResponseHeaders(200, 4);
              headersSent.countDown(); // the handler returns now, with the body still to come
              Thread.sleep(100);
              exchange.getResponseBody().write("late".getBytes());
              exchange.close();
            } catch (IOException | InterruptedException e) {
              throw new AssertionError(e);
            }
          });
          try {
            assertThat(headersSent.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }, null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      assertThat(send(uri, "GET").body()).isEqualTo("late");
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_BODY_SIZE)).isEqualTo(4L);
      assertThat(s.ended.poll(200, TimeUnit.MILLISECONDS)).as("ended once").isNull();
    } finally {
      stop(server);
      other.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {204, 200})
  void aBodilessResponseSentLaterOnAnotherThreadEndsThoughNobodyClosesTheExchange(int status)
      throws Exception {
    Snapshots s = attach(new Snapshots("s"));
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> later.schedule(() -> {
          exchange.sendResponseHeaders(status, -1); // the JDK completes the exchange: no close
          return null;
        }, 50, TimeUnit.MILLISECONDS), null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      assertThat(send(uri, "GET").statusCode()).isEqualTo(status);
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended).as("ended").isNotNull();
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_STATUS_CODE)).isEqualTo((long) status);
      assertThat(ended.durationNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
      assertThat(s.ended.poll(200, TimeUnit.MILLISECONDS)).as("ended once").isNull();
    } finally {
      stop(server);
      later.shutdownNow();
    }
  }

  @Test
  void aSecondSendResponseHeadersIsRefusedAndTheStatusTheClientGotStays() throws Exception {
    Snapshots s = attach(new Snapshots("s"));
    List<String> refusals = new CopyOnWriteArrayList<>();
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("hi".getBytes());
          try {
            exchange.sendResponseHeaders(500, -1); // a handler's error path, too late
          } catch (IOException e) {
            refusals.add(e.getMessage());
          }
          exchange.close();
        }, null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      HttpResponse<String> response = send(uri, "GET");
      assertThat(response.statusCode()).isEqualTo(200);
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
      assertThat(ended.get(AttributeKey.ERROR_TYPE)).isNull();
      assertThat(refusals).singleElement().asString().contains("headers already sent");
    } finally {
      stop(server);
    }
  }

  @Test
  void aBodyASetStreamsFilterCompressesIsCountedOnceAsItWasSent() throws Exception {
    Snapshots s = attach(new Snapshots("s"));
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked
          exchange.setStreams(null, new GZIPOutputStream(exchange.getResponseBody()));
          try (OutputStream body = exchange.getResponseBody()) {
            body.write("compress me ".repeat(200).getBytes());
          }
        }, null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(response.body()))
          .readAllBytes())).isEqualTo("compress me ".repeat(200));
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_BODY_SIZE))
          .isEqualTo((long) response.body().length);
    } finally {
      stop(server);
    }
  }

  @Test
  void aHeaderValueTheCarrierRefusesIsReportedAndTheResponseGoesOut() throws Exception {
    Snapshots bad = new Snapshots("bad") {
      @Override
      public List<String> onOperationInject(AttributeMap attributes) {
        return List.of("split\r\nX-Injected: yes");
      }
    };
    bad.injected = AttributeList.of(SemconvKey.responseHeader("x-bad"));
    attach(bad);
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes());
          exchange.close();
        }, null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      List<String> warnings = FailureReporterTest.captureStderr(() -> {
        try {
          HttpResponse<String> response = send(uri, "GET");
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.body()).isEqualTo("ok");
          assertThat(response.headers().firstValue("x-injected")).isEmpty();
          assertThat(bad.ended.poll(10, TimeUnit.SECONDS)).isNotNull();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      assertThat(warnings).anySatisfy(line -> assertThat(line).contains("'bad'")
          .contains("onOperationInject"));
    } finally {
      stop(server);
    }
  }

  @Test
  void responseHeadersAreCapturedForTheInstrumentsTheOperationStartedWith() throws Exception {
    Snapshots s = new Snapshots("s");
    s.capturedResponse = AttributeList.of(SemconvKey.responseHeader("x-served-by"));
    attach(s); // detached again after the test too (detach is idempotent)
    long id = attached.get(attached.size() - 1);
    HttpServer server = serve(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
        traced(exchange -> {
          Telemetry.detach(id); // mid-request: this operation keeps its instruments
          exchange.getResponseHeaders().add("X-Served-By", "node-1");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        }, null));
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
      assertThat(send(uri, "GET").statusCode()).isEqualTo(200);
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.get(SemconvKey.responseHeader("x-served-by"))).isEqualTo(List.of("node-1"));
    } finally {
      stop(server);
    }
  }

  @Test
  void httpsGetsTheSameRecording(@TempDir Path dir) throws Exception {
    SSLContext tls = selfSignedContext(dir);
    Snapshots s = new Snapshots("s");
    s.capturedResponse = AttributeList.of(SemconvKey.responseHeader("x-served-by"));
    s.injected = AttributeList.of(SemconvKey.responseHeader("x-aotel-test"));
    attach(s);
    List<Boolean> sawHttps = new CopyOnWriteArrayList<>();
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    HttpServer server = serve(https, traced(exchange -> {
      sawHttps.add(exchange instanceof HttpsExchange secure && secure.getSSLSession() != null);
      exchange.getResponseHeaders().add("X-Served-By", "node-1");
      byte[] body = "secure\n".getBytes();
      exchange.sendResponseHeaders(201, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }, null));
    try {
      HttpClient tlsClient = HttpClient.newBuilder().sslContext(tls).build();
      HttpResponse<String> response = tlsClient.send(HttpRequest.newBuilder(URI.create(
              "https://localhost:" + server.getAddress().getPort() + "/orders")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(201);
      assertThat(response.headers().firstValue("x-aotel-test")).hasValue("from-s");
      AttributeMap ended = s.ended.poll(10, TimeUnit.SECONDS);
      assertThat(ended.get(AttributeKey.URL_SCHEME)).isEqualTo("https");
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(201L);
      assertThat(ended.get(AttributeKey.HTTP_RESPONSE_BODY_SIZE)).isEqualTo(7L);
      assertThat(ended.get(SemconvKey.responseHeader("x-served-by"))).isEqualTo(List.of("node-1"));
      assertThat(sawHttps).containsExactly(true);
    } finally {
      stop(server);
    }
  }

  /** A key pair made by the JDK's keytool for this test, trusted by the client. */
  private static SSLContext selfSignedContext(Path dir) throws Exception {
    Path store = dir.resolve("test.p12");
    char[] password = "changeit".toCharArray();
    Process keytool = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "test", "-keyalg", "EC", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, password);
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, password);
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(km.getKeyManagers(), tm.getTrustManagers(), null);
    return context;
  }
}
