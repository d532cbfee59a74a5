package dev.aotel.sdk;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;

/**
 * {@code OTEL_LOGS_EXPORTER=test}: logs exported (so aotel installs the appenders), to nowhere.
 * Tests read records from a processor they register themselves, or from {@link #LAST}.
 */
public final class TestLogRecordExporterProvider implements ConfigurableLogRecordExporterProvider {
  /** The exporter the last SDK built was given, for tests that cannot customize the SDK. */
  static volatile InMemoryLogRecordExporter LAST;

  @Override
  public LogRecordExporter createExporter(ConfigProperties config) {
    InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
    LAST = exporter;
    return exporter;
  }

  @Override
  public String getName() {
    return "test";
  }
}
