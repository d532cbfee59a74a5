package dev.aotel.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;

/**
 * {@code OTEL_LOGS_EXPORTER=test}: logs exported (so aotel installs the appenders), to nowhere.
 * Tests read records from a processor they register themselves.
 */
public final class TestLogRecordExporterProvider implements ConfigurableLogRecordExporterProvider {
  @Override
  public LogRecordExporter createExporter(ConfigProperties config) {
    return InMemoryLogRecordExporter.create();
  }

  @Override
  public String getName() {
    return "test";
  }
}
