package dev.aotel.sdk;

import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.internal.HttpSemantics;
import dev.aotel.runtime.internal.Warnings;
import dev.aotel.runtime.otel.CustomTracing;
import dev.aotel.runtime.otel.HttpClientMetrics;
import dev.aotel.runtime.otel.HttpClientTracing;
import dev.aotel.runtime.otel.HttpServerMetrics;
import dev.aotel.runtime.otel.HttpServerTracing;
import dev.aotel.runtime.otel.HttpSettings;
import dev.aotel.runtime.otel.W3CBaggage;
import dev.aotel.runtime.otel.W3CTraceContext;
import dev.aotel.sdk.internal.StartupComponentLoader;
import dev.aotel.sdk.internal.DroppedSpans;
import dev.aotel.sdk.internal.Logging;
import dev.aotel.sdk.internal.StartupWork;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * aotel's one-call setup: the OpenTelemetry SDK configured from the standard {@code OTEL_*}
 * environment variables and {@code otel.*} system properties (through the SDK's autoconfigure
 * module), the resource detected, and every aotel instrument attached.
 *
 * <pre>{@code
 * try (AotelSdk aotel = AotelSdk.start()) {
 *   // serve requests
 * }
 * }</pre>
 *
 * <p>Differences from plain autoconfigure, on purpose: OTLP defaults to {@code http/protobuf} on
 * port 4318 (the specification's recommendation; autoconfigure's default is gRPC); {@code
 * service.name} falls back to the main class's simple name rather than {@code
 * unknown_service:java}; and an already registered global {@code OpenTelemetry} is a warning,
 * not an error. {@link #close()} flushes and shuts down; a shutdown hook does the same if it was
 * never called.
 *
 * <p>One at a time: while an {@code AotelSdk} is running, another {@code start()} throws an
 * {@link IllegalStateException} that says where the running one was started (a second set of
 * instruments would make two spans, in two traces, for every call). After {@link #close()}, {@code
 * start()} starts afresh.
 */
public final class AotelSdk implements AutoCloseable {
  private static final String UNKNOWN_SERVICE = "unknown_service:java";
  /** Whether to keep {@code http.server.active_requests} (default true). */
  static final String ACTIVE_REQUESTS = "otel.instrumentation.http.server.active-requests.enabled";
  /** How often dropped spans are checked for, and reported at most. */
  private static final long DROPPED_SPANS_CHECK_SECONDS = 10;
  /** Whether to emit the JVM runtime metrics (default true); the agent's setting name. */
  static final String RUNTIME_TELEMETRY = "otel.instrumentation.runtime-telemetry.enabled";
  /** The running instance, if any; guarded by {@code AotelSdk.class}. */
  private static AotelSdk running;

  private final OpenTelemetrySdk sdk;
  private final Resource resource;
  private final List<Long> attached;
  /** The log appenders aotel added; removed before the last flush. */
  private final List<AutoCloseable> logExports;
  /** The JVM runtime metrics, or null when they are off. */
  private final AutoCloseable jvmMetrics;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Where {@code start()} was called, for the error a second start gets. */
  private final Throwable startedAt;

  private AotelSdk(OpenTelemetrySdk sdk, Resource resource, List<Long> attached,
      List<AutoCloseable> logExports, AutoCloseable jvmMetrics, Throwable startedAt) {
    this.sdk = sdk;
    this.resource = resource;
    this.attached = attached;
    this.logExports = logExports;
    this.jvmMetrics = jvmMetrics;
    this.startedAt = startedAt;
    this.shutdownHook = new Thread(this::shutdown, "aotel-shutdown");
  }

  /** Starts with configuration from the environment only. */
  public static AotelSdk start() {
    return builder().start();
  }

  /** A builder for configuration in code. */
  public static Builder builder() {
    return new Builder();
  }

  /** The OpenTelemetry instance, for custom spans and metrics alongside aotel's. */
  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The detected resource ({@code service.name}, host, process, OS, runtime...). */
  public Resource resource() {
    return resource;
  }

  /** Detaches aotel's instruments, flushes every exporter and shuts the SDK down. Idempotent. */
  @Override
  public void close() {
    if (shutdown()) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook runs or ran
      }
    }
  }

  private boolean shutdown() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    attached.forEach(Telemetry::detach);
    logExports.forEach(AotelSdk::closeQuietly);
    synchronized (AotelSdk.class) {
      if (running == this) {
        running = null;
      }
    }
    sdk.shutdown().join(10, TimeUnit.SECONDS); // the last export still has the JVM metrics
    closeQuietly(jvmMetrics);
    return true;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      Warnings.warn("closing " + closeable + " failed: " + e);
    }
  }

  /** The first stack frame outside aotel: the caller of {@code start()}. */
  private static String callerOf(Throwable startedAt) {
    for (StackTraceElement frame : startedAt.getStackTrace()) {
      String owner = frame.getClassName();
      if (!owner.equals(AotelSdk.class.getName())
          && !owner.startsWith(AotelSdk.class.getName() + "$")) {
        return frame.toString();
      }
    }
    return "an unknown place";
  }

  /** Configuration in code; {@code OTEL_*} variables and {@code otel.*} properties override it. */
  public static final class Builder {
    private final Map<String, String> defaults = new HashMap<>();
    private final List<Consumer<AutoConfiguredOpenTelemetrySdkBuilder>> customizers =
        new ArrayList<>();
    private boolean registerGlobal = true;

    private Builder() {
      defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    }

    /** The {@code service.name}, unless {@code OTEL_SERVICE_NAME} says otherwise. */
    public Builder serviceName(String serviceName) {
      return property("otel.service.name", requireText(serviceName, "serviceName"));
    }

    /**
     * Any {@code otel.*} setting, such as {@code otel.traces.exporter=console}; the environment
     * and system properties still win, so operators can change it without a rebuild.
     */
    public Builder property(String name, String value) {
      defaults.put(requireText(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Whether to register as {@code GlobalOpenTelemetry} (default true). When another instance
     * is already registered, aotel says so on stderr and keeps its own.
     */
    public Builder registerGlobal(boolean registerGlobal) {
      this.registerGlobal = registerGlobal;
      return this;
    }

    /** Direct access to the autoconfigure builder: extra span processors, samplers, exporters. */
    public Builder customize(Consumer<AutoConfiguredOpenTelemetrySdkBuilder> customizer) {
      customizers.add(Objects.requireNonNull(customizer, "customizer"));
      return this;
    }

    /**
     * Builds the SDK and attaches aotel's instruments. OTLP {@code http/protobuf} spans to an
     * {@code http://} endpoint go through aotel's own exporter, built at once; any other span
     * exporter is built on a background thread, so this returns before it exists (spans ended
     * meanwhile wait in the batch queue), and a setting it rejects is reported on standard error
     * instead of thrown.
     *
     * @throws IllegalStateException if an {@code AotelSdk} is already running (the message says
     *     where it was started): use that one, or close it first
     */
    public AotelSdk start() {
      synchronized (AotelSdk.class) {
        if (running != null) {
          throw new IllegalStateException("AotelSdk is already running, started at "
              + callerOf(running.startedAt) + ": use the instance that start() returned there,"
              + " or close() it before starting another", running.startedAt);
        }
        AotelSdk aotel = build(new Throwable("AotelSdk started here"));
        running = aotel;
        return aotel;
      }
    }

    private AotelSdk build(Throwable startedAt) {
      StartupWork.detectResourcesInBackground();
      AtomicReference<ConfigProperties> config = new AtomicReference<>();
      AtomicReference<Resource> resource = new AtomicReference<>();
      Map<String, String> properties = Map.copyOf(defaults);
      AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> properties)
          .setComponentLoader(new StartupComponentLoader(
              AutoConfiguredOpenTelemetrySdkBuilder.class.getClassLoader()))
          .disableShutdownHook()
          .addResourceCustomizer((detected, configProperties) -> {
            config.set(configProperties);
            Resource named = ServiceNames.withFallback(detected, UNKNOWN_SERVICE);
            resource.set(named);
            return named;
          })
          // tracecontext and baggage (the defaults) are aotel's, per the W3C texts as they read
          // today; any other propagator named in OTEL_PROPAGATORS is kept as it is.
          .addPropagatorCustomizer((propagator, configProperties) ->
              propagator == W3CTraceContextPropagator.getInstance() ? W3CTraceContext.getInstance()
                  : propagator == W3CBaggagePropagator.getInstance() ? W3CBaggage.getInstance()
                  : propagator)
          // The batch processor drops spans silently when its queue is full: say so.
          .addMeterProviderCustomizer((meters, configProperties) ->
              meters.registerMetricReader(new DroppedSpans(DROPPED_SPANS_CHECK_SECONDS)));
      customizers.forEach(c -> c.accept(builder));
      OpenTelemetrySdk sdk = StartupWork.withoutSchemaUrlNotices(
          () -> builder.build().getOpenTelemetrySdk());

      List<Long> ids = new ArrayList<>();
      AutoCloseable jvmMetrics = null;
      List<AutoCloseable> logExports = List.of();
      try {
        ConfigProperties settings = config.get();
        HttpSettings http = HttpSettings.fromConfig(settings::getString);
        HttpSemantics.setKnownMethods(http.knownMethods());
        List<Instrument> instruments = new ArrayList<>(List.of(new HttpServerTracing(sdk, http),
            new HttpClientTracing(sdk, http), new CustomTracing(sdk)));
        // With OTEL_METRICS_EXPORTER=none nothing of aotel's metrics is loaded or started.
        if (!settings.getList("otel.metrics.exporter", List.of("otlp")).equals(List.of("none"))) {
          instruments.add(new HttpServerMetrics(sdk,
              settings.getBoolean(ACTIVE_REQUESTS, true)));
          instruments.add(new HttpClientMetrics(sdk));
          if (settings.getBoolean(RUNTIME_TELEMETRY, true)) {
            jvmMetrics = JvmMetrics.start(sdk);
          }
        }
        // Trace ids in the logging libraries' MDC, whatever is exported.
        instruments.addAll(Logging.correlation(settings));
        if (!settings.getList("otel.logs.exporter", List.of("otlp")).equals(List.of("none"))) {
          logExports = Logging.export(sdk);
        }
        for (Instrument instrument : instruments) {
          ids.add(Telemetry.attach(instrument));
        }
      } catch (RuntimeException e) {
        ids.forEach(Telemetry::detach);
        logExports.forEach(AotelSdk::closeQuietly);
        closeQuietly(jvmMetrics);
        sdk.shutdown().join(10, TimeUnit.SECONDS);
        throw e;
      }
      if (registerGlobal) {
        try {
          GlobalOpenTelemetry.set(sdk);
        } catch (IllegalStateException e) {
          Warnings.warn("a global OpenTelemetry is already registered;"
              + " aotel goes on with its own instance and leaves the global one as it is ("
              + e.getMessage() + ")");
        }
      }
      AotelSdk aotel = new AotelSdk(sdk, resource.get(), ids, logExports, jvmMetrics, startedAt);
      Runtime.getRuntime().addShutdownHook(aotel.shutdownHook);
      return aotel;
    }

    private static String requireText(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " is blank");
      }
      return value;
    }
  }
}
