package com.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.aotel.Traced;
import dev.aotel.runtime.ActiveSpan;
import dev.aotel.runtime.Telemetry;
import dev.aotel.sdk.AotelSdk;
import dev.aotel.sdk.logging.TraceContextFormatter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.logging.ConsoleHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trace ids in log lines, three ways: SLF4J + Logback through the MDC (the pattern in {@code
 * logback.xml} has {@code %X{trace_id}}; no code), java.util.logging through {@link
 * TraceContextFormatter}, and any other logger through {@link Telemetry#activeSpan()}. Spans print
 * to the console so the ids can be compared.
 */
public final class LogsExample {
  private static final Logger LOG = LoggerFactory.getLogger(LogsExample.class);
  private static final java.util.logging.Logger JUL =
      java.util.logging.Logger.getLogger("com.example.jul");

  private LogsExample() {}

  /** Logs one line through each of the three ways. */
  @Traced
  public static class Orders implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      LOG.info("order received");                 // Logback: %X{trace_id} in the pattern
      JUL.info("order received (JUL)");             // JUL: TraceContextFormatter appends them
      ActiveSpan span = Telemetry.activeSpan();     // any logger: ask for them
      System.out.println("custom logger: trace_id=" + span.traceId() + " span_id=" + span.spanId()
          + " order received");
      byte[] body = "ok\n".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }
  }

  public static void main(String[] args) throws Exception {
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(new TraceContextFormatter());
    JUL.setUseParentHandlers(false);
    JUL.addHandler(console);
    try (AotelSdk aotel = AotelSdk.builder()
        .property("otel.traces.exporter", "console")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none") // "otlp" (the default) also ships the records
        .start()) {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/orders", new TracedLogsExample_Orders(new Orders()));
      server.start();
      try {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/orders")).build(),
            HttpResponse.BodyHandlers.ofString());
        System.out.println("response: " + response.statusCode());
      } finally {
        server.stop(0);
      }
    }
  }
}
