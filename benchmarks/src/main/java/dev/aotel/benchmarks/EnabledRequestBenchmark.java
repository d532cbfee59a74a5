package dev.aotel.benchmarks;

import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.otel.HttpServerTracing;
import dev.aotel.runtime.otel.HttpSettings;
import dev.aotel.runtime.otel.W3CBaggage;
import dev.aotel.runtime.otel.W3CTraceContext;
import dev.aotel.sdk.AotelSdk;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One traced request on the request thread: a generated handler wrapper serving a realistic
 * exchange with one no-op instrument attached ({@code enabled}: aotel's own work, the wrapper,
 * the call, the attributes and the operation), and with the real SDK ({@code traced}: aotel's
 * server tracing with its W3C propagators, a recording span, the hand-off to a batch processor
 * whose exporter drops), against the same wrapper with nothing attached ({@code disabled}). Run
 * with {@code -prof gc} for B/op.
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
      id = Telemetry.attach(new NoopInstrument());
    }

    @TearDown(Level.Trial)
    public void detach() {
      Telemetry.detach(id);
    }
  }

  /** The same, with the SDK's span pipeline and aotel's server tracing attached. */
  @State(Scope.Thread)
  public static class Traced extends Disabled {
    private OpenTelemetrySdk sdk;
    private long id;

    @Setup(Level.Trial)
    public void attach() {
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(BatchSpanProcessor.builder(new Dropping()).build()).build())
          .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
              W3CTraceContext.getInstance(), W3CBaggage.getInstance())))
          .build();
      id = Telemetry.attach(new HttpServerTracing(sdk, HttpSettings.defaults()));
    }

    @TearDown(Level.Trial)
    public void detach() {
      Telemetry.detach(id);
      sdk.close();
    }
  }

  /**
   * The same, with {@code AotelSdk.start()} as a service starts it (spans exported to the
   * benchmarks' discarding exporter, W3C propagators, log correlation), once the SDK is built;
   * {@code ownSpans=false} sets {@code aotel.own.spans=false}: the SDK's spans instead of aotel's.
   */
  @State(Scope.Thread)
  public static class Started extends Disabled {
    @Param({"true", "false"})
    public boolean ownSpans;
    private AotelSdk aotel;

    @Setup(Level.Trial)
    public void start() {
      System.setProperty("aotel.own.spans", Boolean.toString(ownSpans));
      aotel = AotelSdk.builder().serviceName("bench").registerGlobal(false)
          .property("otel.traces.exporter", "discard")
          .property("otel.metrics.exporter", "none")
          .property("otel.logs.exporter", "none")
          .start();
      aotel.openTelemetry(); // built: requests below get the spans a running service gets
    }

    @TearDown(Level.Trial)
    public void close() {
      aotel.close();
      System.clearProperty("aotel.own.spans");
    }
  }

  /** Takes every batch and drops it: the exporter thread's work is not the request's. */
  static final class Dropping implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
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

  @Benchmark
  public int started(Started state) throws IOException {
    state.exchange.reset();
    state.handler.handle(state.exchange);
    return state.exchange.getResponseCode();
  }

  @Benchmark
  public int traced(Traced state) throws IOException {
    state.exchange.reset();
    state.handler.handle(state.exchange);
    return state.exchange.getResponseCode();
  }
}
