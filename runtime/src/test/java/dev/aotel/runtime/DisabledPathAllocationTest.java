package dev.aotel.runtime;

import dev.aotel.runtime.internal.Operation;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The disabled path is one volatile read: it must allocate nothing. */
class DisabledPathAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private long sink;

  /** What a generated wrapper does when nothing is attached. */
  private long wrapped(long x) {
    if (!Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)) {
      return x + 1;
    }
    Operation op = Operation.start(InstrumentKind.HTTP_SERVER, new AttributeMap());
    op.end();
    return x + 1;
  }

  @Test
  void disabledPathAllocatesZeroBytes() {
    assertThat(Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)).isFalse();
    long thread = Thread.currentThread().getId();
    for (int i = 0; i < 200_000; i++) { // let the JIT compile the loop
      sink = wrapped(sink);
    }
    // What reading the counter itself costs, measured the same way.
    long before = THREADS.getThreadAllocatedBytes(thread);
    long baseline = THREADS.getThreadAllocatedBytes(thread) - before;

    long start = THREADS.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 1_000_000; i++) {
      sink = wrapped(sink);
    }
    long allocated = THREADS.getThreadAllocatedBytes(thread) - start - baseline;
    assertThat(allocated).as("bytes allocated by 1,000,000 disabled calls").isZero();
    assertThat(sink).isEqualTo(1_200_000);
  }

  @Test
  void theEnabledPathDoesAllocateSoTheMeasurementCanFail() {
    long id = Telemetry.attach(new RecordingInstrument(InstrumentKind.HTTP_SERVER, "r") {
      @Override
      public void onOperationStart(AttributeMap attributes) {}

      @Override
      public void onOperationEnd(AttributeMap attributes) {}
    });
    try {
      long thread = Thread.currentThread().getId();
      long start = THREADS.getThreadAllocatedBytes(thread);
      for (int i = 0; i < 1_000; i++) {
        sink = wrapped(sink);
      }
      assertThat(THREADS.getThreadAllocatedBytes(thread) - start).isGreaterThan(1_000);
    } finally {
      Telemetry.detach(id);
    }
  }
}
