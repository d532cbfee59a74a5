package dev.aotel.benchmarks;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.Telemetry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * aotel's own work per traced request: a generated handler wrapper serving a realistic exchange
 * with one no-op instrument attached ({@code enabled}), against the same wrapper with nothing
 * attached ({@code disabled}). The difference is the wrapper, the call, the attributes and the
 * operation; no OpenTelemetry SDK is involved. Run with {@code -prof gc} for B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnabledRequestBenchmark {
  /** The exchange and the wrapped handler; nothing attached. */
  @State(Scope.Thread)
  public static class Disabled {
    final RequestExchange exchange = new RequestExchange();
    final TracedRespondingHandler handler = new TracedRespondingHandler(new RespondingHandler());
  }

  /** The same, with one instrument that does nothing attached for HTTP_SERVER. */
  @State(Scope.Thread)
  public static class Enabled extends Disabled {
    private long id;

    @Setup(Level.Trial)
    public void attach() {
      id = Telemetry.attach(new Instrument() {
        @Override
        public InstrumentKind kind() {
          return InstrumentKind.HTTP_SERVER;
        }

        @Override
        public String name() {
          return "no-op";
        }

        // As a tracing instrument does: the runtime then carries the W3C headers.
        @Override
        public AttributeList extractedHeaders() {
          return AttributeList.of(HttpHeader.TRACEPARENT.requestKey(),
              HttpHeader.TRACESTATE.requestKey(), HttpHeader.BAGGAGE.requestKey());
        }
      });
    }

    @TearDown(Level.Trial)
    public void detach() {
      Telemetry.detach(id);
    }
  }

  @Benchmark
  public int disabled(Disabled state) throws IOException {
    state.exchange.reset();
    state.handler.handle(state.exchange);
    return state.exchange.getResponseCode();
  }

  @Benchmark
  public int enabled(Enabled state) throws IOException {
    state.exchange.reset();
    state.handler.handle(state.exchange);
    return state.exchange.getResponseCode();
  }
}
