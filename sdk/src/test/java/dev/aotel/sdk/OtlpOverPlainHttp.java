package dev.aotel.sdk;

import com.sun.net.httpserver.HttpServer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link PlainHttpSenderTest}: aotel exporting OTLP to an {@code http://}
 * collector in this JVM, one traced request (sent with {@code HttpURLConnection}, which needs no
 * TLS either), then prints how many trace exports arrived. The parent reads the class-loading log.
 */
public final class OtlpOverPlainHttp {
  private OtlpOverPlainHttp() {}

  public static void main(String[] args) throws Exception {
    AtomicInteger exports = new AtomicInteger();
    HttpServer collector = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/traces", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exports.incrementAndGet();
        exchange.sendResponseHeaders(200, -1);
      }
    });
    collector.start();
    try (Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      try (AotelSdk aotel = AotelSdk.builder().registerGlobal(false)
          .property("otel.exporter.otlp.endpoint",
              "http://127.0.0.1:" + collector.getAddress().getPort())
          .property("otel.metrics.exporter", "none")
          .property("otel.logs.exporter", "none")
          .start()) {
        HttpURLConnection connection =
            (HttpURLConnection) server.uri("/b").toURL().openConnection();
        System.out.println("status " + connection.getResponseCode());
        connection.disconnect();
        server.awaitIdle();
      } // close() flushes
    } finally {
      collector.stop(0);
    }
    System.out.println("exports " + exports.get());
  }
}
