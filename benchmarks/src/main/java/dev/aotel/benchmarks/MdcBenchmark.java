package dev.aotel.benchmarks;

import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.sdk.internal.Logging;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The MDC work of one request with nothing logging: aotel's log-correlation hook entering and
 * leaving an operation's scope with a sampled span current, over Logback's real MDC. Goal: at most
 * 100 ns, and nothing allocated per request beyond the id strings ({@code -prof gc}).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MdcBenchmark {
  private Instrument correlation;
  private final AttributeMap attributes = new AttributeMap();
  private Scope span;

  @Setup(Level.Trial)
  public void setUp() {
    correlation = Logging.correlation(DefaultConfigProperties.createFromMap(Map.of())).stream()
        .filter(i -> i.kind() == InstrumentKind.HTTP_SERVER).findFirst().orElseThrow();
    span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    span.close();
  }

  @Benchmark
  public void enterAndLeave() {
    correlation.onScopeEnter(attributes);
    correlation.onScopeExit(attributes);
  }
}
