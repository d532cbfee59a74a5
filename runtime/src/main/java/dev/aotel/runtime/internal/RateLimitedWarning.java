package dev.aotel.runtime.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning printed at most once per interval, however often it is raised and from however many
 * threads: for failures that may repeat on every request.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class RateLimitedWarning {
  private final long intervalNanos;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

  /** At most one line per this many minutes. */
  public static RateLimitedWarning perMinutes(long minutes) {
    return new RateLimitedWarning(TimeUnit.MINUTES.toNanos(minutes));
  }

  private RateLimitedWarning(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** Prints the message unless one was printed within the interval. */
  public void warn(String message) {
    long now = System.nanoTime();
    long previous = last.get();
    if ((previous == Long.MIN_VALUE || now - previous >= intervalNanos)
        && last.compareAndSet(previous, now)) {
      Warnings.warn(message);
    }
  }
}
