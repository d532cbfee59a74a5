package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.Telemetry;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An instrument that throws in every hook, beside the real ones, under a few thousand concurrent
 * requests: no request fails, results and exceptions are the user's, and the failures are
 * reported at most once a second.
 */
class ThrowingInstrumentTest {
  private static final int REQUESTS = 3_000;
  private static final int CALLS = 20_000;

  /** Throws from every hook it has, for every kind it is attached as. */
  static final class Broken implements Instrument {
    private final InstrumentKind kind;
    final AtomicInteger calls = new AtomicInteger();

    Broken(InstrumentKind kind) {
      this.kind = kind;
    }

    @Override
    public InstrumentKind kind() {
      return kind;
    }

    @Override
    public String name() {
      return "broken-" + kind;
    }

    private RuntimeException boom() {
      calls.incrementAndGet();
      return new IllegalStateException("instrument bug");
    }

    @Override
    public void onOperationStart(AttributeMap attributes) {
      throw boom();
    }

    @Override
    public Scope makeCurrent(AttributeMap attributes) {
      throw boom();
    }

    @Override
    public void onScopeEnter(AttributeMap attributes) {
      throw boom();
    }

    @Override
    public void onScopeExit(AttributeMap attributes) {
      throw boom();
    }

    @Override
    public void onOperationError(AttributeMap attributes, Throwable error) {
      throw boom();
    }

    @Override
    public void onOperationEnd(AttributeMap attributes) {
      calls.incrementAndGet();
      throw new AssertionError("an Error too"); // contained; only VirtualMachineErrors pass
    }
  }

  /** A checked exception the user's method throws, to be seen unchanged by the caller. */
  static final class OutOfStock extends Exception {
    OutOfStock(String sku) {
      super(sku);
    }
  }

  @Test
  void noRequestFailsAndReportsAreRateLimited() throws Exception {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<Long> ids = new ArrayList<>();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    ExecutorService clients = Executors.newFixedThreadPool(16);
    ExecutorService handlers = Executors.newFixedThreadPool(8);
    long started = System.nanoTime();
    try (AotelSdk aotel = InMemory.builder(spans).start();
        Services.Server server = Services.Server.start(handlers)) {
      server.route("/b", new TracedServices_ServiceB(new Services.ServiceB()));
      Broken serverBroken = new Broken(InstrumentKind.HTTP_SERVER);
      Broken customBroken = new Broken(InstrumentKind.CUSTOM);
      ids.add(Telemetry.attach(serverBroken));
      ids.add(Telemetry.attach(customBroken));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));

      HttpClient client = HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5)).build();
      List<Future<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        responses.add(clients.submit(() -> client.send(HttpRequest.newBuilder(server.uri("/b"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())));
      }
      for (Future<HttpResponse<String>> response : responses) {
        HttpResponse<String> r = response.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("b");
      }

      // A traced method, concurrently: the same result, or the same exception instance.
      Services.Pricing pricing = new TracedServices_Pricing(new Services.Pricing());
      Thrower thrower = new TracedThrowingInstrumentTest_Thrower(new Thrower());
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        String sku = "sku-" + i;
        calls.add(clients.submit(() -> {
          assertThat(pricing.quote(sku)).isEqualTo(sku.length());
          OutOfStock expected = new OutOfStock(sku);
          try {
            thrower.reserve(expected);
            throw new AssertionError("no exception");
          } catch (OutOfStock actual) {
            assertThat(actual).isSameAs(expected);
          }
          return null;
        }));
      }
      for (Future<?> call : calls) {
        call.get(30, TimeUnit.SECONDS);
      }
      assertThat(serverBroken.calls.get()).isGreaterThanOrEqualTo(REQUESTS);
      assertThat(customBroken.calls.get()).isGreaterThanOrEqualTo(CALLS);
      // The real instruments went on: every request and call has its span.
      assertThat(InMemory.await(spans, REQUESTS + 2 * CALLS, s -> true))
          .hasSize(REQUESTS + 2 * CALLS);
    } finally {
      System.setErr(originalErr);
      ids.forEach(Telemetry::detach);
      clients.shutdownNow();
      handlers.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    for (String instrument : List.of("broken-HTTP_SERVER", "broken-CUSTOM")) {
      long reports = err.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.contains("instrument '" + instrument + "'")).count();
      assertThat(reports).as(instrument + " reports in %.1f s", seconds)
          .isBetween(1L, (long) Math.ceil(seconds) + 1);
    }
  }

  /** A user class whose traced method throws the exception it is given. */
  @dev.aotel.Traced
  static class Thrower {
    public void reserve(OutOfStock failure) throws OutOfStock {
      throw failure;
    }
  }
}
