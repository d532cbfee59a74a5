package dev.aotel.sdk.internal.early;

import dev.aotel.runtime.internal.Warnings;
import dev.aotel.runtime.otel.W3CBaggage;
import dev.aotel.runtime.otel.W3CTraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What lets {@code AotelSdk.start()} return before the SDK is built: aotel's instruments get an
 * {@link OpenTelemetry} whose tracer and meter work at once (early spans and measurements, handed
 * to the SDK once a background thread has built it) and whose propagators are the configured ones.
 *
 * <p>Only where the outcome cannot differ from building the SDK first: the propagators are the
 * built-in {@code tracecontext} and {@code baggage} (or {@code none}), the sampler is one of the
 * built-in ones (they decide from the trace id and parent alone, so the SDK decides the same
 * again), no {@code customize(...)} and no {@code AutoConfigurationCustomizerProvider} can change settings,
 * samplers or id generators behind aotel's back, and no declarative configuration file. Log
 * appenders get the early logs bridge, which keeps records (with their context) until the SDK's
 * is there. Anything else, or {@code
 * AOTEL_START_IN_BACKGROUND=false}, and {@code start()} builds the SDK before it returns, as it
 * always did.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class EarlyStart {
  /** Set false to build the SDK inside {@code start()} (and have it throw what the SDK rejects). */
  public static final String BACKGROUND = "aotel.start.background";
  /** Set false to have aotel's instruments record the SDK's spans instead of its own. */
  public static final String OWN_SPANS = "aotel.own.spans";
  private static final String CUSTOMIZER_SPI = "META-INF/services/"
      + "io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider";

  private static final Set<String> BUILT_IN_SAMPLERS = Set.of("always_on", "always_off",
      "traceidratio", "parentbased_always_on", "parentbased_always_off",
      "parentbased_traceidratio");

  /**
   * The settings that change what the SDK's spans keep or count; with any of them set, aotel's
   * own scope records the SDK's spans too rather than {@link AotelSpan}s.
   */
  private static final List<String> SPAN_SETTINGS = List.of("otel.attribute.value.length.limit",
      "otel.span.attribute.value.length.limit", "otel.attribute.count.limit",
      "otel.span.attribute.count.limit", "otel.span.event.count.limit",
      "otel.span.link.count.limit", "otel.experimental.sdk.telemetry.version");

  private final EarlyTracing tracing;
  /** Whether aotel's scope gets {@link AotelSpan}s once the SDK is built. */
  private final boolean ownSpans;
  /** What autoconfigure made, as it made it: captured while the SDK is built. */
  private final List<SpanProcessor> processors = new ArrayList<>();
  private Resource resource;
  /** The start-up buffers' size: OTEL_BSP_MAX_QUEUE_SIZE. */
  private final int capacity;
  /**
   * The meter provider and logs bridge handed out: null until something asks (with the metrics
   * and logs exporters {@code none}, nothing does, and the early classes are not even loaded),
   * then the early ones until the SDK is built, then the SDK's. Guarded by {@code this}.
   */
  private MeterProvider meters;
  private LoggerProvider loggers;
  private final OpenTelemetry openTelemetry;

  private EarlyStart(EarlyTracing tracing, boolean ownSpans, int capacity,
      ContextPropagators propagators) {
    this.tracing = tracing;
    this.ownSpans = ownSpans;
    this.capacity = capacity;
    TracerProvider tracers = tracing != null ? tracing : TracerProvider.noop();
    this.openTelemetry = new OpenTelemetry() {
      @Override
      public TracerProvider getTracerProvider() {
        return tracers;
      }

      @Override
      public MeterProvider getMeterProvider() {
        return meters();
      }

      @Override
      public ContextPropagators getPropagators() {
        return propagators;
      }

      @Override
      public LoggerProvider getLogsBridge() {
        return loggers();
      }
    };
  }

  /**
   * An early start for these settings, or null when {@code start()} must build the SDK first.
   *
   * @param customized whether {@code customize(...)} was used
   */
  public static EarlyStart forSettings(ConfigProperties config, boolean customized,
      ClassLoader loader) {
    try {
      if (!config.getBoolean(BACKGROUND, true) || customized
          || config.getBoolean("otel.sdk.disabled", false)
          || config.getString("otel.config.file") != null
          || config.getString("otel.experimental.config.file") != null
          || loader.getResource(CUSTOMIZER_SPI) != null) {
        return null;
      }
      ContextPropagators propagators = propagators(config);
      String sampler = config.getString("otel.traces.sampler", "parentbased_always_on");
      Double arg = config.getDouble("otel.traces.sampler.arg");
      double ratio = arg == null ? 1.0 : arg;
      if (propagators == null || !BUILT_IN_SAMPLERS.contains(sampler)
          || (sampler.endsWith("traceidratio") && !(ratio >= 0 && ratio <= 1))) {
        return null; // only the SDK knows what another sampler decides, or what is wrong
      }
      int capacity = config.getInt("otel.bsp.max.queue.size", 2048);
      boolean tracesOff = config.getList("otel.traces.exporter", List.of("otlp"))
          .equals(List.of("none"));
      boolean ownSpans = config.getBoolean(OWN_SPANS, true);
      for (String setting : SPAN_SETTINGS) {
        ownSpans &= config.getString(setting) == null;
      }
      // The limits as autoconfigure reads them (the SDK's defaults: 128 each).
      int attributeLimit = config.getInt("otel.span.attribute.count.limit",
          config.getInt("otel.attribute.count.limit", 128));
      int eventLimit = config.getInt("otel.span.event.count.limit", 128);
      return new EarlyStart(tracesOff ? null
          : new EarlyTracing(sampler, ratio, capacity, attributeLimit, eventLimit),
          ownSpans, capacity, propagators);
    } catch (ConfigurationException | IllegalArgumentException e) {
      return null; // a bad setting: the SDK's build in start() says what is wrong with it
    }
  }

  private synchronized MeterProvider meters() {
    if (meters == null) {
      meters = new EarlyMetrics(capacity);
    }
    return meters;
  }

  private synchronized LoggerProvider loggers() {
    if (loggers == null) {
      loggers = new EarlyLogs(capacity);
    }
    return loggers;
  }

  /** The metric values and log records that did not fit the start-up buffers. */
  private record Dropped(long values, long records) {}

  /** From now on the early meter and logs bridge are these; what the early ones kept goes there. */
  private synchronized Dropped handOver(MeterProvider sdkMeters, LoggerProvider sdkLoggers) {
    Dropped dropped = new Dropped(
        meters instanceof EarlyMetrics earlyMeters ? earlyMeters.ready(sdkMeters) : 0,
        loggers instanceof EarlyLogs earlyLogs ? earlyLogs.ready(sdkLoggers) : 0);
    meters = sdkMeters;
    loggers = sdkLoggers;
    return dropped;
  }

  /** What aotel's instruments are built with. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** Lets the SDK hand replayed spans the ids they were started with. */
  public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
    if (tracing != null) {
      builder.addTracerProviderCustomizer(
          (tracers, config) -> tracers.setIdGenerator(tracing.ids()));
      if (ownSpans) {
        builder.addSpanProcessorCustomizer((processor, config) -> {
          processors.add(processor);
          return processor;
        });
        builder.addResourceCustomizer((detected, config) -> {
          resource = detected; // the last customizer: the resource the SDK's spans carry
          return detected;
        });
      }
    }
  }

  /** The SDK is built: what was recorded goes into it, and everything goes there from now on. */
  public void ready(OpenTelemetrySdk sdk) {
    long droppedSpans = tracing == null ? 0 : tracing.ready(tracers(sdk.getTracerProvider()));
    Dropped dropped = handOver(sdk.getMeterProvider(), sdk.getLogsBridge());
    if (droppedSpans > 0 || dropped.values() > 0 || dropped.records() > 0) {
      Warnings.warn(droppedSpans + " spans, " + dropped.values() + " metric values and "
          + dropped.records() + " log records made before the SDK was built did not fit the"
          + " start-up buffer (OTEL_BSP_MAX_QUEUE_SIZE of each) and were dropped");
    }
  }

  /**
   * The SDK's tracers, with {@link AotelSpan}s for aotel's scope when the settings allow and
   * autoconfigure made only its own batch and simple processors (a processor of another kind may
   * want {@code onEnding} or the SDK's span class: it gets the SDK's spans).
   */
  private TracerProvider tracers(TracerProvider sdk) {
    if (!ownSpans || processors.isEmpty() || resource == null) {
      return sdk;
    }
    for (SpanProcessor processor : processors) {
      if (!(processor instanceof BatchSpanProcessor || processor instanceof SimpleSpanProcessor)) {
        return sdk;
      }
    }
    SpanProcessor processor = processors.size() == 1 ? processors.get(0)
        : SpanProcessor.composite(processors);
    return new AotelTracerProvider(sdk, tracing, processor, resource);
  }

  /** The SDK could not be built: what was recorded is dropped, and nothing is recorded. */
  public void failed() {
    if (tracing != null) {
      tracing.failed();
    }
    handOver(MeterProvider.noop(), LoggerProvider.noop());
  }

  private static ContextPropagators propagators(ConfigProperties config) {
    List<String> names = config.getList("otel.propagators", List.of("tracecontext", "baggage"));
    if (names.equals(List.of("none"))) {
      return ContextPropagators.noop();
    }
    Set<TextMapPropagator> propagators = new LinkedHashSet<>();
    for (String name : names) {
      switch (name) {
        case "tracecontext" -> propagators.add(W3CTraceContext.getInstance());
        case "baggage" -> propagators.add(W3CBaggage.getInstance());
        default -> {
          return null; // b3, jaeger, xray, ottrace, an SPI's, or none among others
        }
      }
    }
    return ContextPropagators.create(TextMapPropagator.composite(propagators));
  }

  /**
   * The SDK's sampler for a built-in name, made when the first early span needs it (the SDK's
   * samplers start java.util.logging, which {@code start()} need not wait for).
   */
  static Sampler builtInSampler(String name, double ratio) {
    return switch (name) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
      case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
      default -> throw new IllegalArgumentException("not a built-in sampler: " + name);
    };
  }
}
