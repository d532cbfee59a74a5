package dev.aotel.sdk.internal;

import dev.aotel.runtime.internal.Warnings;
import dev.aotel.sdk.internal.otlp.OtlpHttpSpanExporter;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Builds span exporters on a background thread, so that {@code AotelSdk.start()} returns before
 * they exist. Building the OTLP exporter creates its HTTP client, and the JDK's client loads the
 * whole TLS stack and the CA certificates even for an {@code http://} endpoint: about 250 ms on
 * two cores, half of what aotel's start-up added. Spans ended meanwhile wait in the batch processor's
 * bounded queue ({@code OTEL_BSP_MAX_QUEUE_SIZE}, as they would for a slow collector), and the
 * batches the processor hands over are held, up to as many spans again, then go out in order once
 * the exporter is built. None are lost unless both fill first: the queue's bound, doubled while
 * the exporter is being built, is the memory bound.
 *
 * <p>It is a {@link ComponentLoader} for autoconfigure that hands out every SPI as the class
 * loader has it, except that each {@link ConfigurableSpanExporterProvider} comes wrapped, so every
 * exporter {@code OTEL_TRACES_EXPORTER} names, built-in or not, gets the same treatment (except
 * {@code otlp} over {@code http://}, which is aotel's {@link OtlpHttpSpanExporter}, built at once
 * where its settings allow), and the
 * JDK's HTTP sender comes as {@link PlainHttpSenders}, which spares {@code http://} endpoints the
 * TLS stack. A
 * provider that fails (a bad setting) is reported on standard error once, with its message, and
 * its exporter drops what it is given.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class StartupComponentLoader implements ComponentLoader {
  private final ComponentLoader delegate;

  /** SPIs from this class loader; exporters built on daemon threads. */
  public StartupComponentLoader(ClassLoader classLoader) {
    this.delegate = ComponentLoader.forClassLoader(classLoader);
  }

  @Override
  public <T> Iterable<T> load(Class<T> spiClass) {
    Iterable<T> loaded = delegate.load(spiClass);
    if (spiClass == ConfigurableSpanExporterProvider.class) {
      List<T> wrapped = new ArrayList<>();
      for (T provider : loaded) {
        wrapped.add(spiClass.cast(new Provider((ConfigurableSpanExporterProvider) provider)));
      }
      return wrapped;
    }
    // A sender chosen by name (the SDK's selection property) is left exactly as chosen.
    if (spiClass == HttpSenderProvider.class
        && System.getProperty(HttpSenderProvider.class.getName()) == null) {
      List<T> wrapped = new ArrayList<>();
      for (T provider : loaded) {
        wrapped.add(provider.getClass().getName().equals(PlainHttpSenders.JDK_PROVIDER)
            ? spiClass.cast(new PlainHttpSenders((HttpSenderProvider) provider)) : provider);
      }
      return wrapped;
    }
    return loaded;
  }

  private static final class Provider implements ConfigurableSpanExporterProvider {
    private final ConfigurableSpanExporterProvider provider;

    Provider(ConfigurableSpanExporterProvider provider) {
      this.provider = provider;
    }

    @Override
    public String getName() {
      return provider.getName();
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      if (getName().equals("otlp")) {
        SpanExporter own = OtlpHttpSpanExporter.fromConfig(config);
        if (own != null) {
          return own; // built in microseconds, nothing to defer
        }
      }
      CompletableFuture<SpanExporter> exporter = new CompletableFuture<>();
      Thread thread = new Thread(() -> {
        try {
          exporter.complete(provider.createExporter(config));
        } catch (Throwable e) {
          Warnings.warn("the '" + getName() + "' span exporter could not be built, spans are"
              + " not exported: " + e.getMessage());
          exporter.completeExceptionally(e); // else the processor would wait for it forever
          if (e instanceof VirtualMachineError error) {
            throw error;
          }
        }
      }, "aotel-exporter-init");
      thread.setDaemon(true);
      thread.start();
      return new Deferred(getName(), exporter, config.getInt("otel.bsp.max.queue.size", 2048));
    }
  }

  /** A span exporter that forwards to one being built, and holds batches until it is. */
  static final class Deferred implements SpanExporter {
    private final String name;
    /** The built exporter, once the batches held meanwhile have been exported through it. */
    private final CompletableFuture<SpanExporter> ready;
    private final int holdLimit;
    private final List<List<SpanData>> held = new ArrayList<>();
    private int heldSpans;
    private boolean released;

    Deferred(String name, CompletableFuture<SpanExporter> exporter, int holdLimit) {
      this.name = name;
      this.holdLimit = holdLimit;
      this.ready = exporter.thenCompose(built -> {
        List<CompletableResultCode> exports = new ArrayList<>();
        synchronized (held) {
          released = true;
          held.forEach(batch -> exports.add(built.export(batch)));
          held.clear();
        }
        CompletableFuture<SpanExporter> done = new CompletableFuture<>();
        CompletableResultCode.ofAll(exports).whenComplete(() -> done.complete(built));
        return done;
      });
      exporter.exceptionally(failure -> {
        synchronized (held) {
          released = true; // nothing will export them: let them go
          held.clear();
        }
        return null;
      });
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      synchronized (held) {
        if (!released && heldSpans + spans.size() <= holdLimit) {
          held.add(new ArrayList<>(spans)); // the processor reuses its batch list
          heldSpans += spans.size();
          return CompletableResultCode.ofSuccess();
        }
      }
      return then(e -> e.export(spans));
    }

    @Override
    public CompletableResultCode flush() {
      return then(SpanExporter::flush);
    }

    @Override
    public CompletableResultCode shutdown() {
      return then(SpanExporter::shutdown);
    }

    /** Runs now when the exporter is ready, else once it is; fails if it cannot be built. */
    private CompletableResultCode then(Function<SpanExporter, CompletableResultCode> call) {
      if (ready.isDone()) {
        SpanExporter built = built();
        return built == null ? CompletableResultCode.ofFailure() : call.apply(built);
      }
      CompletableResultCode result = new CompletableResultCode();
      ready.whenComplete((e, failure) -> {
        if (failure != null) {
          result.fail();
          return;
        }
        CompletableResultCode inner = call.apply(e);
        inner.whenComplete(() -> {
          if (inner.isSuccess()) {
            result.succeed();
          } else {
            result.fail();
          }
        });
      });
      return result;
    }

    /** The exporter if it is ready, else null (not yet, or it failed). */
    private SpanExporter built() {
      return ready.isDone() && !ready.isCompletedExceptionally() ? ready.join() : null;
    }

    @Override
    public String toString() {
      SpanExporter built = built();
      return built != null ? built.toString() : "Deferred{" + name + "}";
    }
  }
}
