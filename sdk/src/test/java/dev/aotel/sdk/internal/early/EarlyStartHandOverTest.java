package dev.aotel.sdk.internal.early;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The early meter is handed out until the SDK is built, then the SDK's own (and the logs bridge
 * likewise, also when nothing asked for it before): what was counted before goes there, and
 * nothing goes through the early ones afterwards.
 */
class EarlyStartHandOverTest {
  private static EarlyStart early() {
    EarlyStart early = EarlyStart.forSettings(DefaultConfigProperties.createFromMap(Map.of()),
        false, EarlyStartHandOverTest.class.getClassLoader());
    assertThat(early).as("these settings allow an early start").isNotNull();
    return early;
  }

  @Test
  void afterTheSdkIsBuiltTheMeterAndLogsBridgeAreTheSdksAndWhatCameBeforeIsKept() {
    EarlyStart early = early();
    OpenTelemetry otel = early.openTelemetry();
    assertThat(otel.getMeterProvider()).isInstanceOf(EarlyMetrics.class);
    LongUpDownCounter before = otel.getMeter("test").upDownCounterBuilder("before").build();
    before.add(3);
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .setLoggerProvider(SdkLoggerProvider.builder().build()).build()) {
      early.ready(sdk);
      assertThat(otel.getMeterProvider()).isSameAs(sdk.getMeterProvider());
      assertThat(otel.getLogsBridge()).isSameAs(sdk.getLogsBridge());
      before.add(4);
      assertThat(reader.collectAllMetrics()).singleElement().satisfies(metric ->
          assertThat(metric.getLongSumData().getPoints()).singleElement()
              .satisfies(point -> assertThat(point.getValue()).isEqualTo(7)));
    }
  }

  @Test
  void theLogsBridgeFirstAskedForAfterAFailedBuildIsANoop() {
    EarlyStart early = early();
    early.failed();
    assertThat(early.openTelemetry().getLogsBridge())
        .isNotInstanceOf(EarlyLogs.class)
        .isSameAs(io.opentelemetry.api.logs.LoggerProvider.noop());
    assertThat(early.openTelemetry().getMeterProvider())
        .isSameAs(io.opentelemetry.api.metrics.MeterProvider.noop());
  }
}
