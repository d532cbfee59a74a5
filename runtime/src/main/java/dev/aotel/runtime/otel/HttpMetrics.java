package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeMap;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Objects;

/** What the HTTP metrics instruments share: the meter, the duration histogram, the unit. */
final class HttpMetrics {
  /** The semantic conventions' advised boundaries for HTTP request durations, in seconds. */
  static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1,
      0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  private HttpMetrics() {}

  static Meter meter(OpenTelemetry openTelemetry) {
    return Objects.requireNonNull(openTelemetry, "openTelemetry")
        .getMeter(AotelScope.NAME);
  }

  static DoubleHistogram duration(Meter meter, String name, String description) {
    return meter.histogramBuilder(name)
        .setUnit("s")
        .setDescription(description)
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
        .build();
  }

  /** The operation's duration in seconds, as the conventions record it. */
  static double seconds(AttributeMap attributes) {
    return Math.max(attributes.durationNanos(), 0) / 1e9;
  }
}
