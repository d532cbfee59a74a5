package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A collector that refuses, never answers, answers 503 or 429, or answers late, in a process of
 * its own: the service fails no request, answers each within a second, closes within its
 * configured timeout, and its spans reach the collector once it is back.
 */
class ExporterFaultsTest {
  private static final int REQUESTS = 600;

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** The collector process; null for "refused" (nothing listens). */
  private static Process collector(String mode, int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FaultyCollector.class.getName(), mode, Integer.toString(port))
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("collector %s started", mode).isEqualTo("ready");
    return process;
  }

  private static void stop(Process process) throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** aotel exporting to the port: a short batch delay and a 1 s export timeout. */
  private static AotelSdk aotel(int port) {
    return AotelSdk.builder()
        .registerGlobal(false)
        .property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + port)
        .property("otel.exporter.otlp.timeout", "1000")
        .property("otel.bsp.schedule.delay", "100")
        .property("otel.bsp.max.queue.size", "512")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .start();
  }

  /** Sends the requests from 8 threads; returns the slowest answer, after checking each. */
  private Duration serve(Services.Server server, String path) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> nanos = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        nanos.add(threads.submit(() -> {
          long start = System.nanoTime();
          HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri(path))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(response.statusCode()).isEqualTo(200);
          return System.nanoTime() - start;
        }));
      }
      long slowest = 0;
      for (Future<Long> n : nanos) {
        slowest = Math.max(slowest, n.get(30, TimeUnit.SECONDS));
      }
      return Duration.ofNanos(slowest);
    } finally {
      threads.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"refused", "blackhole", "503", "429", "slow"})
  void noRequestFailsOrWaitsAndCloseKeepsItsTimeout(String mode) throws Exception {
    int port = Prometheus.freePort();
    Process process = mode.equals("refused") ? null : collector(mode, port);
    try (Services.Server server = Services.Server.start(Executors.newFixedThreadPool(4))) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      AotelSdk aotel = aotel(port);
      Duration slowest;
      try {
        slowest = serve(server, "/b");
      } finally {
        server.awaitIdle(); // every span has ended before the SDK shuts down
        long start = System.nanoTime();
        aotel.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);
        // Export timeout 1 s, then the SDK gives up: close() is bounded by it, not the collector.
        assertThat(closing).as("close() with the collector %s", mode)
            .isLessThan(Duration.ofSeconds(8));
      }
      assertThat(slowest).as("slowest of %d requests", REQUESTS)
          .isLessThan(Duration.ofSeconds(1));
    } finally {
      stop(process);
    }
  }

  @Test
  void aDeadCollectorDropsSpansBeyondTheQueueAndCountsThem() throws Exception {
    int port = Prometheus.freePort();
    Process process = collector("blackhole", port);
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (Services.Server server = Services.Server.start(Executors.newFixedThreadPool(4));
        AotelSdk aotel = AotelSdk.builder()
            .registerGlobal(false)
            .property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + port)
            .property("otel.exporter.otlp.timeout", "1000")
            .property("otel.bsp.schedule.delay", "100")
            .property("otel.bsp.max.queue.size", "64")
            .property("otel.bsp.max.export.batch.size", "16")
            .property("otel.metrics.exporter", "test")
            .property("otel.logs.exporter", "none")
            .customize(b -> b.addMeterProviderCustomizer(
                (meters, config) -> meters.registerMetricReader(reader)))
            .start()) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      assertThat(serve(server, "/b")).isLessThan(Duration.ofSeconds(1));
      server.awaitIdle(); // every span has ended (and met the full queue) before it is counted
      Collection<MetricData> metrics = reader.collectAllMetrics();
      // The SDK's batch processor counts what it drops (its queue is full: memory is bounded
      // by otel.bsp.max.queue.size) and reports its queue size.
      long dropped = metrics.stream().filter(m -> m.getName().equals("processedSpans"))
          .flatMap(m -> m.getLongSumData().getPoints().stream())
          .filter(p -> Boolean.TRUE.equals(p.getAttributes().get(
              io.opentelemetry.api.common.AttributeKey.booleanKey("dropped"))))
          .mapToLong(LongPointData::getValue).sum();
      assertThat(dropped).as("spans dropped of %d", REQUESTS).isPositive()
          .isLessThanOrEqualTo(REQUESTS);
      assertThat(metrics.stream().filter(m -> m.getName().equals("queueSize"))
          .flatMap(m -> m.getLongGaugeData().getPoints().stream())
          .mapToLong(LongPointData::getValue)).allSatisfy(size ->
              assertThat(size).isLessThanOrEqualTo(64));
      // And says so, once per check interval (10 s), on stderr.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!err.toString(StandardCharsets.UTF_8).contains("spans were dropped")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(err.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.contains("spans were dropped"))).hasSize(1)
          .allSatisfy(l -> assertThat(l).contains("OTEL_BSP_MAX_QUEUE_SIZE"));
    } finally {
      System.setErr(originalErr);
      stop(process);
    }
  }

  @Test
  void spansReachTheCollectorOnceItIsBack() throws Exception {
    int port = Prometheus.freePort();
    Process process = null;
    try (Services.Server server = Services.Server.start(Executors.newFixedThreadPool(4));
        AotelSdk aotel = aotel(port)) {
      server.route("/before", new TracedServices_ServiceB(new Services.ServiceB()));
      server.route("/after", new TracedServices_ServiceB(new Services.ServiceB()));
      assertThat(serve(server, "/before")).isLessThan(Duration.ofSeconds(1)); // outage
      process = collector("ok", port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String received = "";
      while (!received.contains("GET /after") && System.nanoTime() < deadline) {
        client.send(HttpRequest.newBuilder(server.uri("/after")).build(),
            HttpResponse.BodyHandlers.discarding());
        Thread.sleep(200);
        received = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/received")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      }
      assertThat(received).as("spans after the collector came back").contains("GET /after");
      server.awaitIdle(); // the server closes after the SDK: no span may end after its shutdown
    } finally {
      stop(process);
    }
  }
}
