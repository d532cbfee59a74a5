package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end with the real Zipkin server ({@code io.zipkin:zipkin-server:exec}, copied by the
 * build), exporting through autoconfigure's {@code zipkin} exporter.
 */
class ZipkinTest {
  static Process zipkin;
  static int port;
  static Path log;
  static final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  static void startZipkin() throws Exception {
    Path jar = Path.of(System.getProperty("aotel.zipkin.jar", "target/zipkin/zipkin-server.jar"));
    assertThat(jar).as("the build copies the Zipkin server here").exists();
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    log = Files.createTempFile("zipkin", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("QUERY_PORT", Integer.toString(port));
    builder.environment().put("STORAGE_TYPE", "mem");
    builder.environment().put("JAVA_OPTS", "-Xmx256m");
    zipkin = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!healthy()) {
      if (!zipkin.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("Zipkin did not start on port " + port + ":\n"
            + Files.readString(log));
      }
      Thread.sleep(250);
    }
  }

  static boolean healthy() {
    try {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @AfterAll
  static void stopZipkin() throws Exception {
    if (zipkin != null) {
      zipkin.destroy();
      if (!zipkin.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        zipkin.destroyForcibly();
      }
    }
    if (log != null) {
      Files.deleteIfExists(log);
    }
  }

  @Test
  void aDistributedTraceArrivesInZipkin() throws Exception {
    Services.ServiceB b = new Services.ServiceB();
    Services.ServiceA a = new Services.ServiceA();
    String traceId;
    try (Services.Server serverB = Services.Server.start();
        Services.Server serverA = Services.Server.start();
        AotelSdk aotel = AotelSdk.builder()
            .registerGlobal(false)
            .serviceName("zipkin-e2e")
            .property("otel.traces.exporter", "zipkin")
            .property("otel.exporter.zipkin.endpoint",
                "http://127.0.0.1:" + port + "/api/v2/spans")
            .property("otel.metrics.exporter", "none")
            .property("otel.logs.exporter", "none")
            .start()) {
      serverB.route("/b", new TracedServices_ServiceB(b));
      serverA.route("/a", new TracedServices_ServiceA(a));
      a.downstream = serverB.uri("/b/x");
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(serverA.uri("/a"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      traceId = b.traceparents.poll(5, java.util.concurrent.TimeUnit.SECONDS).get(0)
          .split("-")[1];
      serverA.awaitIdle(); // both server spans have ended
      serverB.awaitIdle();
    } // close() flushes to Zipkin

    URI trace = URI.create("http://127.0.0.1:" + port + "/api/v2/trace/" + traceId);
    String body = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> found = client.send(HttpRequest.newBuilder(trace)
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      body = found.body();
      if (found.statusCode() == 200 && count(body, "\"traceId\"") >= 4) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(count(body, "\"traceId\":\"" + traceId + "\"")).as(body).isEqualTo(4);
    assertThat(body).contains("\"localEndpoint\":{\"serviceName\":\"zipkin-e2e\"")
        .contains("\"name\":\"get /a\"").contains("\"name\":\"get /b\"")
        .contains("\"kind\":\"CLIENT\"").contains("\"name\":\"pricing.quote\"");
  }

  static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
