package dev.aotel.sdk;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Run in a child JVM by {@link NoLoggingLibraryTest}, on a classpath without SLF4J, Logback or
 * Log4j: starts aotel with logs exported (the default), serves one traced request, and prints
 * what a user would check.
 */
public final class WithoutLoggingLibraries {
  private WithoutLoggingLibraries() {}

  public static void main(String[] args) throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (AotelSdk aotel = InMemory.builder(spans)
            .property("otel.logs.exporter", "test") // export on: aotel looks for appenders
            .start();
        Services.Server server = Services.Server.start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.uri("/b")).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println("status " + response.statusCode());
      System.out.println("spans " + InMemory.await(spans, 1, s -> true).size());
    }
  }
}
