package dev.aotel.benchmarks;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * {@code OTEL_TRACES_EXPORTER=discard}: spans are recorded and batched as with any exporter, then
 * dropped. The HTTP benchmark's {@code recorded} configuration, which separates what recording
 * costs from what exporting costs.
 */
public final class DiscardingSpanExporterProvider implements ConfigurableSpanExporterProvider {
  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return new EnabledRequestBenchmark.Dropping();
  }

  @Override
  public String getName() {
    return "discard";
  }
}
