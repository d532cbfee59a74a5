package dev.aotel.sdk.internal.early;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The background build waits for something to hand the SDK: whatever the start-up buffers keep
 * (an ended span, a histogram value, a counter increment, a log record) or an explicit demand,
 * and nothing else, opens the wait at once.
 */
class EarlyStartDemandTest {
  /** Far longer than any test: only a demand can end the wait in time. */
  private static final long HOUR = TimeUnit.HOURS.toMillis(1);

  private static EarlyStart early() {
    EarlyStart early = EarlyStart.forSettings(DefaultConfigProperties.createFromMap(Map.of()),
        false, EarlyStartDemandTest.class.getClassLoader());
    assertThat(early).as("these settings allow an early start").isNotNull();
    return early;
  }

  /** The build thread's wait, on a thread of its own. */
  private static CompletableFuture<Void> waiting(EarlyStart early) {
    return CompletableFuture.runAsync(() -> {
      try {
        early.awaitDemand(HOUR);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void assertRecordingEndsTheWait(Consumer<OpenTelemetry> record)
      throws Exception {
    EarlyStart early = early();
    CompletableFuture<Void> wait = waiting(early);
    record.accept(early.openTelemetry());
    wait.get(10, TimeUnit.SECONDS);
  }

  @Test
  void withNothingRecordedTheWaitGoesOn() {
    EarlyStart early = early();
    OpenTelemetry otel = early.openTelemetry();
    // Made, but nothing kept yet: a started span, instruments, a logger.
    otel.getTracer("test").spanBuilder("open").startSpan();
    otel.getMeter("test").histogramBuilder("h").build();
    otel.getLogsBridge().get("test");
    assertThatThrownBy(() -> waiting(early).get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
  }

  @Test
  void anEndedSpanEndsTheWait() throws Exception {
    assertRecordingEndsTheWait(otel -> otel.getTracer("test").spanBuilder("s").startSpan().end());
  }

  @Test
  void aHistogramValueEndsTheWait() throws Exception {
    assertRecordingEndsTheWait(otel ->
        otel.getMeter("test").histogramBuilder("h").build().record(1.5, Attributes.empty()));
  }

  @Test
  void aCounterIncrementEndsTheWait() throws Exception {
    assertRecordingEndsTheWait(otel ->
        otel.getMeter("test").upDownCounterBuilder("c").build().add(1));
  }

  @Test
  void aLogRecordEndsTheWait() throws Exception {
    assertRecordingEndsTheWait(otel ->
        otel.getLogsBridge().get("test").logRecordBuilder().setBody("hello").emit());
  }

  @Test
  void aDemandEndsTheWait() throws Exception {
    EarlyStart early = early();
    CompletableFuture<Void> wait = waiting(early);
    early.demand().run();
    wait.get(10, TimeUnit.SECONDS);
  }
}
