package dev.aotel.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.aotel.SpanAttribute;
import dev.aotel.Traced;
import dev.aotel.runtime.ActiveSpan;
import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.TracedHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Small traced services, compiled with the real processor, that the tests run for real. */
final class Services {
  private Services() {}

  /**
   * A loopback server on an ephemeral port; close() waits for running handlers, then stops it.
   * A traced handler's span ends when the handler returns, which is after the client has its
   * answer: tests that close aotel while the server runs call {@link #awaitIdle} first, or the
   * span could end after the SDK has shut down.
   */
  record Server(HttpServer server, AtomicInteger running) implements AutoCloseable {
    static Server start() throws IOException {
      return start(null);
    }

    /** With handlers run on this executor (null: the server's one dispatcher thread). */
    static Server start(java.util.concurrent.Executor executor) throws IOException {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(executor);
      server.start();
      return new Server(server, new AtomicInteger());
    }

    Server route(String path, HttpHandler handler) {
      server.createContext(path, exchange -> {
        running.incrementAndGet();
        try {
          handler.handle(exchange);
        } finally {
          running.decrementAndGet();
        }
      });
      return this;
    }

    /** Waits (at most 10 s) until no handler is running. */
    void awaitIdle() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (running.get() > 0 && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    int port() {
      return server.getAddress().getPort();
    }

    URI uri(String pathAndQuery) {
      return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() {
      awaitIdle();
      server.stop(0);
    }
  }

  static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Service B: answers with the status the path asks for, and remembers what it saw. */
  @Traced
  static class ServiceB implements HttpHandler {
    final BlockingQueue<List<String>> traceparents = new LinkedBlockingQueue<>();
    final BlockingQueue<ActiveSpan> activeSpans = new LinkedBlockingQueue<>();

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      exchange.getRequestBody().readAllBytes();
      List<String> traceparent = exchange.getRequestHeaders().get("traceparent");
      traceparents.add(traceparent == null ? List.of() : traceparent);
      ActiveSpan active = Telemetry.activeSpan();
      if (active != null) {
        activeSpans.add(active);
      }
      String path = exchange.getRequestURI().getPath();
      exchange.getResponseHeaders().add("X-Answer", "42");
      exchange.getResponseHeaders().add("Set-Cookie", "session=secret");
      int status = path.endsWith("/500") ? 500 : path.endsWith("/404") ? 404 : 200;
      respond(exchange, status, "b");
    }
  }

  /** Service A: calls service B through a traced client, inside a traced method. */
  @Traced
  static class ServiceA implements HttpHandler {
    final HttpClient client = TracedHttpClient.wrap(HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).build());
    final Pricing pricing = new TracedServices_Pricing(new Pricing());
    volatile URI downstream;

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try {
        pricing.quote("sku-1");
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(downstream).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        respond(exchange, 200, "a+" + response.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  /** A traced method called from inside a handler: an INTERNAL child span. */
  static class Pricing {
    @Traced("pricing.quote")
    public long quote(@SpanAttribute("sku") String sku) {
      return sku.length();
    }
  }
}
