package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** One line per interval, however often and from however many threads it is raised. */
class RateLimitedWarningTest {
  @Test
  void raisedManyTimesFromManyThreadsItPrintsOnce() {
    RateLimitedWarning warning = RateLimitedWarning.perMinutes(1);
    List<String> lines = FailureReporterTest.captureStderr(() -> {
      CountDownLatch go = new CountDownLatch(1);
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        threads[t] = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          for (int i = 0; i < 1_000; i++) {
            warning.warn("the carrier broke");
          }
        });
        threads[t].start();
      }
      go.countDown();
      for (Thread thread : threads) {
        try {
          thread.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    assertThat(lines).containsExactly("[aotel] WARNING: the carrier broke");
  }
}
