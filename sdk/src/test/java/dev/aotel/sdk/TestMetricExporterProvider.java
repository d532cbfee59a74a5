package dev.aotel.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;

/**
 * {@code OTEL_METRICS_EXPORTER=test}: metrics on, exported to memory. Most tests read them from
 * an {@code InMemoryMetricReader} they register themselves, on demand rather than on an interval;
 * tests that cannot customize the SDK read {@link #LAST} after a flush.
 */
public final class TestMetricExporterProvider implements ConfigurableMetricExporterProvider {
  /** The exporter the last SDK built was given. */
  static volatile InMemoryMetricExporter LAST;

  @Override
  public MetricExporter createExporter(ConfigProperties config) {
    InMemoryMetricExporter exporter = InMemoryMetricExporter.create();
    LAST = exporter;
    return exporter;
  }

  @Override
  public String getName() {
    return "test";
  }
}
