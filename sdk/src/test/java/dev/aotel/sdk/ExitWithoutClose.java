package dev.aotel.sdk;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Run in a child JVM by {@link ShutdownHookTest}: starts aotel exporting over OTLP to the port
 * given, serves one traced request, and returns from main without calling close().
 */
public final class ExitWithoutClose {
  private ExitWithoutClose() {}

  public static void main(String[] args) throws Exception {
    AotelSdk.builder()
        .registerGlobal(false)
        .property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + args[0])
        .property("otel.bsp.schedule.delay", "60000") // only the shutdown flush can send it
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .start();
    Services.Server server = Services.Server.start();
    server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/b")).build(),
        HttpResponse.BodyHandlers.discarding());
    server.close();
  }
}
