package dev.aotel.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code OTEL_TRACES_EXPORTER=latched}: an exporter whose construction waits for {@link #BUILD}
 * (at most 20 s), then exports to {@link #SPANS}; {@code latched-broken} fails to build, as a bad
 * setting does. For {@link BackgroundExporterTest}.
 */
public final class LatchedSpanExporterProvider implements ConfigurableSpanExporterProvider {
  static volatile CountDownLatch BUILD = new CountDownLatch(1);
  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    if (config.getString("aotel.test.broken", "false").equals("true")) {
      throw new ConfigurationException("the test endpoint is malformed");
    }
    try {
      if (!BUILD.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the exporter");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    // Shutting down the in-memory exporter would clear it: this one keeps what it got.
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return SPANS.export(spans);
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  @Override
  public String getName() {
    return "latched";
  }
}
