package dev.aotel.benchmarks;

import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.Telemetry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The entry check of every generated wrapper with nothing attached, against the same work without
 * the check. Run with {@code -prof gc} to see the allocation rate (0 B/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DisabledCheckBenchmark {
  private long value = 42;

  @Benchmark
  public long baseline() {
    return value * 31;
  }

  @Benchmark
  public long withDisabledCheck() {
    if (Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)) {
      return -1;
    }
    return value * 31;
  }
}
