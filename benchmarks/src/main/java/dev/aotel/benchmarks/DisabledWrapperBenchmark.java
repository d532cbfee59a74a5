package dev.aotel.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
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
 * The generated wrappers with nothing attached against calling the same objects directly, in one
 * run. Goal: under 1 ns difference per call, and 0 B/op ({@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DisabledWrapperBenchmark {
  private final HelloHandler handler = new HelloHandler();
  private final TracedHelloHandler tracedHandler = new TracedHelloHandler(handler);
  private final HttpExchange exchange = new RequestExchange();
  private final Adder adder = new Adder();
  private final Adder tracedAdder = new TracedAdder(adder);
  private long a = 1;
  private long b = 2;

  @Benchmark
  public long handlerDirect() throws IOException {
    handler.handle(exchange);
    return handler.handled;
  }

  @Benchmark
  public long handlerWrapped() throws IOException {
    tracedHandler.handle(exchange);
    return handler.handled;
  }

  @Benchmark
  public long methodDirect() {
    return adder.add(a, b);
  }

  @Benchmark
  public long methodWrapped() {
    return tracedAdder.add(a, b);
  }
}
