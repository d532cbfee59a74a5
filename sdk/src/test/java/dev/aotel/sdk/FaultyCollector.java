package dev.aotel.sdk;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP collector with a fault, run as its own process by {@link ExporterFaultsTest}:
 * {@code ok} (records span names, listed at {@code GET /received}), {@code blackhole} (accepts TCP
 * and never answers), {@code 503}, {@code 429} (with {@code Retry-After: 1}) and {@code slow}
 * (answers after 2 s). Prints {@code ready} once it listens on the port given.
 */
public final class FaultyCollector {
  private FaultyCollector() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    if (mode.equals("blackhole")) {
      List<Socket> held = new ArrayList<>();
      try (ServerSocket server = new ServerSocket()) {
        server.bind(address);
        System.out.println("ready");
        while (true) {
          held.add(server.accept()); // never read, never answer, never close
        }
      }
    }
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/v1/traces", exchange -> {
      try (exchange) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        switch (mode) {
          case "503" -> exchange.sendResponseHeaders(503, -1);
          case "429" -> {
            exchange.getResponseHeaders().add("Retry-After", "1");
            exchange.sendResponseHeaders(429, -1);
          }
          default -> {
            if (mode.equals("slow")) {
              sleep(2_000);
            }
            ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().forEach(r ->
                r.getScopeSpansList().forEach(s -> s.getSpansList().forEach(
                    span -> received.add(span.getName()))));
            exchange.sendResponseHeaders(200, -1);
          }
        }
      }
    });
    server.createContext("/received", exchange -> {
      byte[] names = String.join("\n", received).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, names.length == 0 ? -1 : names.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(names);
      }
    });
    server.start();
    System.out.println("ready");
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
