package dev.aotel.sdk.internal;

import dev.aotel.runtime.internal.Warnings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Says on stderr when spans were dropped, at most once per interval: the SDK's batch processor
 * only counts them ({@code processedSpans{dropped=true}}), silently. A metric reader of its own
 * reads that count on one daemon thread; nothing runs on the request path.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class DroppedSpans implements MetricReader {
  private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

  private final long intervalSeconds;
  private final ScheduledExecutorService scheduler;
  private volatile CollectionRegistration registration = CollectionRegistration.noop();
  private long reported;

  /** Checks every {@code intervalSeconds}. */
  public DroppedSpans(long intervalSeconds) {
    this.intervalSeconds = intervalSeconds;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "aotel-dropped-spans");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
    scheduler.scheduleAtFixedRate(this::check, intervalSeconds, intervalSeconds,
        TimeUnit.SECONDS);
  }

  /** Warns once about the spans dropped since the last check, if any. */
  void check() {
    long dropped = 0;
    for (MetricData metric : registration.collectAllMetrics()) {
      if (metric.getName().equals("processedSpans")) {
        for (LongPointData point : metric.getLongSumData().getPoints()) {
          if (Boolean.TRUE.equals(point.getAttributes().get(DROPPED))) {
            dropped += point.getValue();
          }
        }
      }
    }
    if (dropped > reported) {
      Warnings.warn((dropped - reported) + " spans were dropped in the last " + intervalSeconds
          + " s (" + dropped + " in all): the span queue was full because the exporter cannot"
          + " keep up or the collector does not answer. Check OTEL_EXPORTER_OTLP_ENDPOINT, or"
          + " raise OTEL_BSP_MAX_QUEUE_SIZE");
      reported = dropped;
    }
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public MemoryMode getMemoryMode() {
    return MemoryMode.IMMUTABLE_DATA;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    scheduler.shutdownNow();
    return CompletableResultCode.ofSuccess();
  }
}
