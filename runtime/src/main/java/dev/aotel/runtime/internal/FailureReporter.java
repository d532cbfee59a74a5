package dev.aotel.runtime.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts the failures of one instrument's hooks and reports them on stderr at most once per
 * {@link #INTERVAL_NANOS}, with the number suppressed since the last report. Lock-free: a failing
 * hook on a hot path costs two atomic operations, not a line of output.
 */
final class FailureReporter {
  static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** {@code System.nanoTime}, as a class rather than a lambda spun while the SDK starts. */
  static final LongSupplier SYSTEM_CLOCK = new LongSupplier() {
    @Override
    public long getAsLong() {
      return System.nanoTime();
    }
  };

  private final String instrument;
  private final LongSupplier nanoClock;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();
  /** When the last report was printed; {@code Long.MIN_VALUE}: never. */
  private final AtomicLong lastReport = new AtomicLong(Long.MIN_VALUE);

  FailureReporter(String instrument, LongSupplier nanoClock) {
    this.instrument = instrument;
    this.nanoClock = nanoClock;
  }

  void failed(String hook, Throwable error) {
    failures.incrementAndGet();
    long now = nanoClock.getAsLong();
    long last = lastReport.get();
    boolean due = last == Long.MIN_VALUE || now - last >= INTERVAL_NANOS;
    if (!due || !lastReport.compareAndSet(last, now)) {
      suppressed.incrementAndGet();
      return;
    }
    long skipped = suppressed.getAndSet(0);
    StackTraceElement[] trace = error.getStackTrace();
    Warnings.warn("instrument '" + instrument + "' threw in " + hook + ": " + error
        + (trace.length > 0 ? " at " + trace[0] : "")
        + "; the request went on without it"
        + (skipped > 0 ? " (" + skipped + " more failures since the last report)" : ""));
  }

  /** Failures counted since the instrument was attached. */
  long failures() {
    return failures.get();
  }
}
