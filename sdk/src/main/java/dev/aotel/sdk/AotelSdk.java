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
import dev.aotel.sdk.internal.early.EarlySettings;
import dev.aotel.sdk.internal.early.EarlyStart;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

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
 * <p>{@code start()} returns before the SDK is built when nothing in the settings could make the
 * SDK decide differently from what aotel decides meanwhile (the built-in samplers and W3C
 * propagators, no {@code customize(...)}, no autoconfigure customizer SPI): spans, HTTP metrics and
 * log records made in the first few hundred milliseconds are handed to the SDK, with their ids
 * and times, once a background thread has built it. A setting the SDK
 * then rejects is reported on standard error and aotel stays off; {@code
 * AOTEL_START_IN_BACKGROUND=false} builds the SDK inside {@code start()}, which then throws it.
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
  /** How long {@code close()} waits for an SDK still being built. */
  private static final long BUILD_WAIT_SECONDS = 10;
  /** The running instance, if any; guarded by {@code AotelSdk.class}. */
  private static AotelSdk running;

  /** The SDK and what hangs off it, once built; with a failed build, nothing. */
  private final CompletableFuture<Built> built;
  /** Whether {@code start()} returned before the SDK was built. */
  private final boolean early;
  private final List<Long> attached;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Where {@code start()} was called, for the error a second start gets. */
  private final Throwable startedAt;

  private AotelSdk(CompletableFuture<Built> built, boolean early, List<Long> attached,
      Throwable startedAt) {
    this.built = built;
    this.early = early;
    this.attached = attached;
    this.startedAt = startedAt;
    this.shutdownHook = new Thread(new Runnable() {
      @Override
      public void run() {
        shutdown();
      }
    }, "aotel-shutdown");
  }

  /** Starts with configuration from the environment only. */
  public static AotelSdk start() {
    return builder().start();
  }

  /** A builder for configuration in code. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The OpenTelemetry instance (the {@code OpenTelemetrySdk}), for custom spans and metrics
   * alongside aotel's. While the SDK is still being built in the background, this waits for it (no
   * longer than {@code start()} would have); if the build failed, it is {@link
   * OpenTelemetry#noop()}.
   */
  public OpenTelemetry openTelemetry() {
    return built.join().openTelemetry();
  }

  /**
   * The detected resource ({@code service.name}, host, process, OS, runtime...); waits for an SDK
   * being built; empty if the build failed.
   */
  public Resource resource() {
    return built.join().resource;
  }

  /** Whether {@code start()} returned before the SDK was built (tests). */
  boolean startedEarly() {
    return early;
  }

  /**
   * Detaches aotel's instruments, flushes every exporter and shuts the SDK down; waits up to 10
   * seconds for an SDK still being built. Idempotent.
   */
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
    Builder.detachAll(attached);
    synchronized (AotelSdk.class) {
      if (running == this) {
        running = null;
      }
    }
    Built sdk;
    try {
      sdk = built.get(BUILD_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      Warnings.warn("the OpenTelemetry SDK was still being built " + BUILD_WAIT_SECONDS
          + " s after close(): it is shut down when it is, and what it exports then may come"
          + " after the JVM has stopped");
      built.thenAccept(Built::close);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
    sdk.close();
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

  /** The built SDK with the log appenders and runtime metrics started on it. */
  private static final class Built {
    static final Built FAILED = new Built(null, Resource.empty(), List.of(), null);

    /** Null when the build failed. */
    final OpenTelemetrySdk sdk;
    final Resource resource;
    /** The log appenders aotel added; removed before the last flush. */
    final List<AutoCloseable> logExports;
    /** The JVM runtime metrics, or null when they are off. */
    final AutoCloseable jvmMetrics;

    Built(OpenTelemetrySdk sdk, Resource resource, List<AutoCloseable> logExports,
        AutoCloseable jvmMetrics) {
      this.sdk = sdk;
      this.resource = resource;
      this.logExports = logExports;
      this.jvmMetrics = jvmMetrics;
    }

    OpenTelemetry openTelemetry() {
      return sdk == null ? OpenTelemetry.noop() : sdk;
    }

    void close() {
      logExports.forEach(AotelSdk::closeQuietly);
      if (sdk != null) {
        sdk.shutdown().join(10, TimeUnit.SECONDS); // the last export still has the JVM metrics
      }
      closeQuietly(jvmMetrics);
    }
  }

  /**
   * The SDK as it will be, for {@code GlobalOpenTelemetry}: tracers and propagators at once (the
   * early ones, which hand over to the SDK's: a request thread never waits for the build), meters
   * and loggers once the SDK is built.
   */
  private static final class Awaiting implements OpenTelemetry {
    private final CompletableFuture<Built> built;
    private final OpenTelemetry early;

    Awaiting(CompletableFuture<Built> built, OpenTelemetry early) {
      this.built = built;
      this.early = early;
    }

    @Override
    public TracerProvider getTracerProvider() {
      Built done = built.getNow(null);
      return done != null ? done.openTelemetry().getTracerProvider() : early.getTracerProvider();
    }

    @Override
    public MeterProvider getMeterProvider() {
      return built.join().openTelemetry().getMeterProvider();
    }

    @Override
    public LoggerProvider getLogsBridge() {
      return built.join().openTelemetry().getLogsBridge();
    }

    @Override
    public ContextPropagators getPropagators() {
      return early.getPropagators(); // the SDK's are the same, or start() would have built it
    }
  }

  /** Configuration in code; {@code OTEL_*} variables and {@code otel.*} properties override it. */
  public static final class Builder {
    private final Map<String, String> defaults = new HashMap<>();
    private final List<Consumer<AutoConfiguredOpenTelemetrySdkBuilder>> customizers =
        new ArrayList<>();
    private boolean registerGlobal = true;
    /** Runs on the background thread before the SDK is built (tests hold it there). */
    private Runnable beforeBackgroundBuild = StartupWork.NOTHING;

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

    /**
     * Direct access to the autoconfigure builder: extra span processors, samplers, exporters.
     * With a customizer, {@code start()} builds the SDK before it returns (what the customizer
     * changes cannot be known before).
     */
    public Builder customize(Consumer<AutoConfiguredOpenTelemetrySdkBuilder> customizer) {
      customizers.add(Objects.requireNonNull(customizer, "customizer"));
      return this;
    }

    Builder beforeBackgroundBuild(Runnable hook) {
      beforeBackgroundBuild = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /**
     * Attaches aotel's instruments and builds the SDK: on a background thread when the settings
     * allow (see the class description), else before returning. OTLP {@code http/protobuf} spans
     * to an {@code http://} endpoint go through aotel's own exporter; any other span exporter is
     * built on a background thread (spans ended meanwhile wait in the batch queue), and a setting
     * it rejects is reported on standard error instead of thrown.
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
      Map<String, String> properties = Map.copyOf(defaults);
      ClassLoader loader = AotelSdk.class.getClassLoader();
      ConfigProperties settings = new EarlySettings(properties, loader);
      EarlyStart early = EarlyStart.forSettings(settings, !customizers.isEmpty(), loader);
      return early == null ? buildNow(properties, startedAt)
          : buildInBackground(properties, settings, early, startedAt);
    }

    /** Builds the SDK, then attaches the instruments to it. */
    private AotelSdk buildNow(Map<String, String> properties, Throwable startedAt) {
      StartupWork.detectResourcesInBackground();
      Configured configured = configure(properties, b -> customizers.forEach(c -> c.accept(b)));
      OpenTelemetrySdk sdk = configured.sdk();
      List<Long> ids = new ArrayList<>();
      Built built;
      try {
        attach(instruments(sdk, configured.settings()), ids);
        built = started(configured, null);
      } catch (RuntimeException e) {
        detachAll(ids);
        sdk.shutdown().join(10, TimeUnit.SECONDS);
        throw e;
      }
      register(sdk);
      return running(CompletableFuture.completedFuture(built), false, ids, startedAt);
    }

    /**
     * Attaches the instruments to the early tracer and meter, and builds the SDK on a daemon
     * thread; once built, what was recorded meanwhile is handed to it.
     */
    private AotelSdk buildInBackground(Map<String, String> properties, ConfigProperties settings,
        EarlyStart early, Throwable startedAt) {
      List<Long> ids = new ArrayList<>();
      List<AutoCloseable> logExports = new ArrayList<>();
      CompletableFuture<Built> built = new CompletableFuture<>();
      // Released once the instruments are attached (true) or could not be (false).
      CompletableFuture<Boolean> attached = new CompletableFuture<>();
      Thread thread = new Thread(new Runnable() {
        @Override
        public void run() {
          if (registerGlobal) {
            // Its class initialiser starts java.util.logging (about 10 ms): here, while the
            // caller's thread attaches the instruments, rather than after.
            GlobalOpenTelemetry.isSet();
          }
          if (attached.join()) {
            buildSdk(properties, early, ids, logExports, built);
          }
        }
      }, "aotel-start");
      thread.setDaemon(true);
      thread.start();
      try {
        attach(instruments(early.openTelemetry(), settings), ids);
        if (logExport(settings)) { // the appenders keep records until the SDK is there
          logExports.addAll(Logging.export(early.openTelemetry()));
        }
      } catch (RuntimeException e) {
        detachAll(ids);
        logExports.forEach(AotelSdk::closeQuietly);
        attached.complete(false);
        throw e;
      }
      // Now: a GlobalOpenTelemetry.get() after start() must not see a no-op.
      register(new Awaiting(built, early.openTelemetry()));
      attached.complete(true);
      return running(built, true, ids, startedAt);
    }

    /** On the background thread: builds the SDK and hands it what was recorded meanwhile. */
    private void buildSdk(Map<String, String> properties, EarlyStart early, List<Long> ids,
        List<AutoCloseable> logExports, CompletableFuture<Built> built) {
      try {
        beforeBackgroundBuild.run();
        Configured configured = configure(properties, early::customize);
        early.ready(configured.sdk());
        built.complete(started(configured, logExports));
      } catch (Throwable e) {
        early.failed();
        detachAll(ids);
        logExports.forEach(AotelSdk::closeQuietly);
        Warnings.warn("the OpenTelemetry SDK could not be built from the settings, so aotel"
            + " records and exports nothing: " + e + " (fix the setting; with"
            + " AOTEL_START_IN_BACKGROUND=false, start() throws this instead)");
        built.complete(Built.FAILED);
      }
    }

    /** The SDK, with the settings autoconfigure read and the resource it detected. */
    private record Configured(OpenTelemetrySdk sdk, ConfigProperties settings,
        Resource resource) {}

    /** Builds the SDK through autoconfigure with aotel's defaults and customizers, then these. */
    private static Configured configure(Map<String, String> properties,
        Consumer<AutoConfiguredOpenTelemetrySdkBuilder> customize) {
      AtomicReference<ConfigProperties> config = new AtomicReference<>();
      AtomicReference<Resource> resource = new AtomicReference<>();
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
      customize.accept(builder);
      OpenTelemetrySdk sdk = StartupWork.withoutSchemaUrlNotices(
          () -> builder.build().getOpenTelemetrySdk());
      return new Configured(sdk, config.get(), resource.get());
    }

    /** aotel's instruments for these settings, through this OpenTelemetry. */
    private static List<Instrument> instruments(OpenTelemetry otel, ConfigProperties settings) {
      HttpSettings http = HttpSettings.fromConfig(new Function<String, String>() {
        @Override
        public String apply(String name) { // a class, not a lambda spun during start-up
          return settings.getString(name);
        }
      });
      HttpSemantics.setKnownMethods(http.knownMethods());
      List<Instrument> instruments = new ArrayList<>(List.of(new HttpServerTracing(otel, http),
          new HttpClientTracing(otel, http), new CustomTracing(otel)));
      // With OTEL_METRICS_EXPORTER=none nothing of aotel's metrics is loaded or started.
      if (metrics(settings)) {
        instruments.add(new HttpServerMetrics(otel, settings.getBoolean(ACTIVE_REQUESTS, true)));
        instruments.add(new HttpClientMetrics(otel));
      }
      // Trace ids in the logging libraries' MDC, whatever is exported.
      instruments.addAll(Logging.correlation(settings));
      return instruments;
    }

    private static void attach(List<Instrument> instruments, List<Long> ids) {
      for (Instrument instrument : instruments) {
        ids.add(Telemetry.attach(instrument));
      }
    }

    private static void detachAll(List<Long> ids) {
      for (long id : ids) {
        Telemetry.detach(id);
      }
    }

    /**
     * The JVM runtime metrics and the log appenders, on the built SDK.
     *
     * @param logExports the appenders already installed, or null to install them now
     */
    private static Built started(Configured configured, List<AutoCloseable> logExports) {
      OpenTelemetrySdk sdk = configured.sdk();
      ConfigProperties settings = configured.settings();
      AutoCloseable jvmMetrics = null;
      try {
        if (metrics(settings) && settings.getBoolean(RUNTIME_TELEMETRY, true)) {
          jvmMetrics = JvmMetrics.start(sdk);
        }
        if (logExports == null) {
          logExports = logExport(settings) ? Logging.export(sdk) : List.of();
        }
      } catch (RuntimeException e) {
        closeQuietly(jvmMetrics);
        throw e;
      }
      return new Built(sdk, configured.resource(), logExports, jvmMetrics);
    }

    private static boolean metrics(ConfigProperties settings) {
      return !settings.getList("otel.metrics.exporter", List.of("otlp")).equals(List.of("none"));
    }

    private static boolean logExport(ConfigProperties settings) {
      return !settings.getList("otel.logs.exporter", List.of("otlp")).equals(List.of("none"));
    }

    private void register(OpenTelemetry otel) {
      if (registerGlobal) {
        try {
          GlobalOpenTelemetry.set(otel);
        } catch (IllegalStateException e) {
          Warnings.warn("a global OpenTelemetry is already registered;"
              + " aotel goes on with its own instance and leaves the global one as it is ("
              + e.getMessage() + ")");
        }
      }
    }

    private static AotelSdk running(CompletableFuture<Built> built, boolean early,
        List<Long> ids, Throwable startedAt) {
      AotelSdk aotel = new AotelSdk(built, early, ids, startedAt);
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
