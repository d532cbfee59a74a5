package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureReporterTest {
  @Test
  void reportsAtMostOncePerSecondWithTheSuppressedCount() {
    AtomicLong clock = new AtomicLong(5_000_000_000L);
    FailureReporter reporter = new FailureReporter("flaky", clock::get);
    List<String> lines = captureStderr(() -> {
      for (int i = 0; i < 10; i++) { // 10 failures within 0.9 s
        reporter.failed("onOperationEnd", new IllegalStateException("n" + i));
        clock.addAndGet(100_000_000L);
      }
      clock.addAndGet(100_000_000L); // now 1.1 s after the first report
      reporter.failed("onOperationEnd", new IllegalStateException("late"));
    });
    assertThat(reporter.failures()).isEqualTo(11);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("instrument 'flaky' threw in onOperationEnd")
        .contains("n0").doesNotContain("more failures");
    assertThat(lines.get(1)).contains("late").contains("(9 more failures since the last report)");
  }

  @Test
  void aFailureJustBeforeTheIntervalIsSuppressed() {
    AtomicLong clock = new AtomicLong();
    FailureReporter reporter = new FailureReporter("x", clock::get);
    List<String> lines = captureStderr(() -> {
      reporter.failed("h", new RuntimeException());
      clock.addAndGet(FailureReporter.INTERVAL_NANOS - 1);
      reporter.failed("h", new RuntimeException());
    });
    assertThat(lines).hasSize(1);
  }

  static List<String> captureStderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
