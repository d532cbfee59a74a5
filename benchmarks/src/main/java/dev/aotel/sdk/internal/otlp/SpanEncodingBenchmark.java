package dev.aotel.sdk.internal.otlp;

import dev.aotel.benchmarks.SpanExportBenchmark;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The batch processor thread's CPU per span without the network: one batch of the HTTP server
 * spans of {@link SpanExportBenchmark} encoded as an OTLP request by aotel's encoder. {@code
 * SpanExportBenchmark} adds the socket and a collector in the same JVM, whose spread (±50 % on
 * two shared cores) hides changes to the encoding; this one is the encoding alone. In this package
 * because the encoder is package-private (internal).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SpanEncodingBenchmark {
  private final SpanEncoder encoder = new SpanEncoder();
  private List<SpanData> batch;

  @Setup
  public void setUp() {
    batch = SpanExportBenchmark.serverSpans(512);
  }

  /** Bytes of the encoded request, so that nothing of the encoding can be left out. */
  @Benchmark
  public int encode() {
    return encoder.encode(batch).size();
  }
}
