package com.example;

import com.sun.net.httpserver.HttpServer;
import dev.aotel.runtime.TracedHttpClient;
import dev.aotel.sdk.AotelSdk;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP metrics with no code, and two custom metrics beside them. Serves {@code /hello} on port
 * 8080 and calls it ten times a second for a minute (arguments: seconds, port), while the
 * Prometheus exporter serves everything at {@code http://localhost:9464/metrics}:
 * {@code http_server_request_duration_seconds}, {@code http_client_request_duration_seconds},
 * {@code jvm_*}, and the custom {@code orders_placed_total} and {@code order_value_USD}.
 */
public final class MetricsExample {
  private MetricsExample() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
    try (AotelSdk aotel = AotelSdk.builder()
        .property("otel.metrics.exporter", "prometheus") // OTEL_METRICS_EXPORTER still wins
        .property("otel.traces.exporter", "none")
        .property("otel.logs.exporter", "none")
        .start()) {
      Meter meter = aotel.openTelemetry().getMeter("com.example.shop");
      LongCounter orders = meter.counterBuilder("orders.placed")
          .setDescription("Orders placed.").setUnit("{order}").build();
      DoubleHistogram value = meter.histogramBuilder("order.value")
          .setDescription("Value of an order.").setUnit("USD").build();

      HttpServer server = HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.createContext("/hello", new TracedHelloHandler(new HelloHandler()));
      server.start();
      System.out.println("serving http://127.0.0.1:" + port + "/hello; metrics at"
          + " http://127.0.0.1:9464/metrics for " + seconds + " s");
      try {
        HttpClient client = TracedHttpClient.wrap(HttpClient.newHttpClient());
        URI uri = URI.create("http://127.0.0.1:" + port + "/hello");
        for (long end = System.nanoTime() + seconds * 1_000_000_000L; System.nanoTime() < end; ) {
          client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
          orders.add(1);
          value.record(ThreadLocalRandom.current().nextDouble(5, 500));
          Thread.sleep(100);
        }
      } finally {
        server.stop(0);
      }
    }
  }
}
