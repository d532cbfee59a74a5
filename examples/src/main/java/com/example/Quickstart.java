package com.example;

import com.sun.net.httpserver.HttpServer;
import dev.aotel.runtime.TracedHttpClient;
import dev.aotel.sdk.AotelSdk;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The README's quickstart, runnable: a traced service on a loopback port and a traced client that
 * calls it a few times. Spans go to the console exporter unless {@code OTEL_TRACES_EXPORTER}
 * says otherwise; {@code service.name} falls back to this class's name, {@code Quickstart}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    try (AotelSdk aotel = AotelSdk.builder()
        .property("otel.traces.exporter", "console")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .start()) {
      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/hello", new TracedHelloHandler(new HelloHandler()));
      server.start();
      try {
        HttpClient client = TracedHttpClient.wrap(HttpClient.newHttpClient());
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");
        for (int i = 1; i <= calls; i++) {
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
              HttpResponse.BodyHandlers.ofString());
          System.out.printf("call %d: %d %s", i, response.statusCode(), response.body());
        }
      } finally {
        server.stop(0);
      }
    }
  }
}
