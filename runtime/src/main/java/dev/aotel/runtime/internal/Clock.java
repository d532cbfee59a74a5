package dev.aotel.runtime.internal;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Epoch time from {@link System#nanoTime()}: one wall-clock read per minute, not per operation,
 * like the SDK's anchored clock. Durations come from {@code nanoTime} and stay monotonic.
 */
final class Clock {
  private static final long REANCHOR_NANOS = TimeUnit.MINUTES.toNanos(1);

  private record Anchor(long epochNanos, long nanoTime) {}

  private static volatile Anchor anchor = anchor(System.nanoTime());

  private Clock() {}

  /** The epoch time, in nanoseconds, of a {@code System.nanoTime()} reading taken just now. */
  static long epochNanos(long nanoTime) {
    Anchor a = anchor;
    if (nanoTime - a.nanoTime() > REANCHOR_NANOS) {
      a = anchor(nanoTime);
      anchor = a;
    }
    return a.epochNanos() + (nanoTime - a.nanoTime());
  }

  private static Anchor anchor(long nanoTime) {
    Instant now = Instant.now();
    return new Anchor(TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano(), nanoTime);
  }
}
