package dev.aotel.benchmarks.library;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.javahttpserver.JavaHttpServerTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The benchmarks' hello-world service wired by hand with OpenTelemetry's library instrumentation
 * for {@code com.sun.net.httpserver}, as its README shows: an autoconfigured SDK (standard {@code
 * OTEL_*} variables) and the instrumentation's filter on the context. The same handler, pool and
 * backlog as {@code dev.aotel.benchmarks.HelloService}. Prints {@code ready <uptime ms>}.
 */
public final class LibraryHello {
  private static final byte[] BODY = "hello\n".getBytes();

  private LibraryHello() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    OpenTelemetry openTelemetry = AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk();
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    HttpContext context = server.createContext("/hello", exchange -> {
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    JavaHttpServerTelemetry.create(openTelemetry).configure(context);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println("ready " + ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
