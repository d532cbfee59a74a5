package dev.aotel.runtime;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Compares the two generated {@link HttpHeader} lookups on the same names: what a server sees
 * (mixed-case hits from HTTP/1.1 clients, lowercase from HTTP/2, and misses). Lives in the runtime
 * package to reach the package-private strategies. The faster one backs {@code lookup}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpHeaderLookupBenchmark {
  static final String[] NAMES = {
    "Content-Type", "accept", "User-Agent", "traceparent", "Accept-Encoding", "host",
    "X-Forwarded-For", "content-length", "X-Custom-Header", "tracestate", "Cookie",
    "sec-fetch-mode", "X-Amzn-Trace-Id", "connection", "if-none-match", "Authorization",
  };

  @Benchmark
  @OperationsPerInvocation(16)
  public void perfectHash(Blackhole bh) {
    for (String name : NAMES) {
      bh.consume(HttpHeader.lookupByHash(name));
    }
  }

  @Benchmark
  @OperationsPerInvocation(16)
  public void switchTree(Blackhole bh) {
    for (String name : NAMES) {
      bh.consume(HttpHeader.lookupBySwitch(name));
    }
  }
}
