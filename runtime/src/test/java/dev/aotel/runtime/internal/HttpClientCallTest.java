package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.TracedHttpClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Client calls over a real loopback server: what an instrument injects cannot break the call. */
class HttpClientCallTest {
  /** Injects a value the JDK's client refuses (a line break in it). */
  static final class BadInjector implements Instrument {
    final BlockingQueue<AttributeMap> ended = new LinkedBlockingQueue<>();

    @Override
    public InstrumentKind kind() {
      return InstrumentKind.HTTP_CLIENT;
    }

    @Override
    public String name() {
      return "bad-injector";
    }

    @Override
    public AttributeList injectedHeaders() {
      return AttributeList.of(SemconvKey.requestHeader("x-injected"));
    }

    @Override
    public List<String> onOperationInject(AttributeMap attributes) {
      return List.of("split\r\nX-Smuggled: yes");
    }

    @Override
    public void onOperationEnd(AttributeMap attributes) {
      ended.add(attributes);
    }
  }

  @Test
  void aHeaderTheClientRefusesIsReportedAndTheRequestGoesOutAsMade() throws Exception {
    BadInjector bad = new BadInjector();
    long id = Telemetry.attach(bad);
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      seen.add(String.valueOf(exchange.getRequestHeaders().keySet()));
      exchange.sendResponseHeaders(200, 2);
      exchange.getResponseBody().write("ok".getBytes());
      exchange.close();
    });
    server.start();
    try {
      HttpClient client = TracedHttpClient.wrap(HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5)).build());
      HttpRequest request = HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.getAddress().getPort() + "/x"))
          .timeout(Duration.ofSeconds(10)).build();
      List<String> warnings = FailureReporterTest.captureStderr(() -> {
        try {
          assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body())
              .isEqualTo("ok");
          assertThat(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
          assertThat(bad.ended.poll(10, TimeUnit.SECONDS)).as("send ended").isNotNull();
          assertThat(bad.ended.poll(10, TimeUnit.SECONDS)).as("sendAsync ended").isNotNull();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      assertThat(warnings).anySatisfy(line -> assertThat(line).contains("'bad-injector'")
          .contains("onOperationInject"));
      assertThat(seen).hasSize(2).allSatisfy(headers ->
          assertThat(headers.toLowerCase()).doesNotContain("x-injected", "x-smuggled"));
    } finally {
      Telemetry.detach(id);
      server.stop(0);
    }
  }
}
