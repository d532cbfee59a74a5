package dev.aotel.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;

/**
 * {@code OTEL_METRICS_EXPORTER=test}: metrics on, exported nowhere. Tests read them from an
 * {@code InMemoryMetricReader} they register themselves, on demand rather than on an interval.
 */
public final class TestMetricExporterProvider implements ConfigurableMetricExporterProvider {
  @Override
  public MetricExporter createExporter(ConfigProperties config) {
    return InMemoryMetricExporter.create();
  }

  @Override
  public String getName() {
    return "test";
  }
}
