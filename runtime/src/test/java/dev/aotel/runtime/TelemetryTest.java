package dev.aotel.runtime;

import dev.aotel.runtime.internal.Operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  private final List<Long> attached = new ArrayList<>();

  @AfterEach
  void detachAll() {
    attached.forEach(Telemetry::detach);
  }

  private long attach(Instrument instrument) {
    long id = Telemetry.attach(instrument);
    attached.add(id);
    return id;
  }

  @Test
  void ordinalsAreStable() {
    assertThat(InstrumentKind.values()).containsExactly(InstrumentKind.CUSTOM,
        InstrumentKind.HTTP_SERVER, InstrumentKind.HTTP_CLIENT, InstrumentKind.SQL,
        InstrumentKind.REDIS, InstrumentKind.S3);
  }

  @Test
  void attachEnablesOnlyItsKindAndDetachDisablesIt() {
    assertThat(Telemetry.isEnabledFor(InstrumentKind.SQL)).isFalse();
    long first = attach(new RecordingInstrument(InstrumentKind.SQL, "a"));
    long second = attach(new RecordingInstrument(InstrumentKind.SQL, "b"));
    assertThat(first).isPositive();
    assertThat(second).isGreaterThan(first);
    assertThat(Telemetry.isEnabledFor(InstrumentKind.SQL)).isTrue();
    assertThat(Telemetry.isEnabledFor(InstrumentKind.REDIS)).isFalse();

    assertThat(Telemetry.detach(first)).isTrue();
    assertThat(Telemetry.isEnabledFor(InstrumentKind.SQL)).isTrue();
    assertThat(Telemetry.detach(first)).isFalse();
    assertThat(Telemetry.detach(second)).isTrue();
    assertThat(Telemetry.isEnabledFor(InstrumentKind.SQL)).isFalse();
  }

  @Test
  void detachOfUnknownIdIsFalse() {
    assertThat(Telemetry.detach(0)).isFalse();
    assertThat(Telemetry.detach(-5)).isFalse();
    assertThat(Telemetry.detach(Long.MAX_VALUE)).isFalse();
  }

  @Test
  void idsAreNeverReused() {
    long id = Telemetry.attach(new RecordingInstrument(InstrumentKind.S3, "s3"));
    Telemetry.detach(id);
    long next = attach(new RecordingInstrument(InstrumentKind.S3, "s3"));
    assertThat(next).isGreaterThan(id);
  }

  @Test
  void validationNamesWhatIsMissing() {
    assertThatThrownBy(() -> Telemetry.attach(null))
        .isInstanceOf(NullPointerException.class).hasMessage("instrument");
    assertThatThrownBy(() -> Telemetry.attach(new RecordingInstrument(null, "x")))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("instrument.kind()");
    assertThatThrownBy(() -> Telemetry.attach(new RecordingInstrument(InstrumentKind.SQL, " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instrument.name()").hasMessageContaining("blank");
    assertThatThrownBy(() -> Telemetry.attach(new RecordingInstrument(InstrumentKind.SQL, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is null");
    assertThat(Telemetry.isEnabledFor(InstrumentKind.SQL)).isFalse();
  }

  @Test
  void attachingTheSameInstrumentTwiceIsRefused() {
    RecordingInstrument instrument = new RecordingInstrument(InstrumentKind.SQL, "once");
    long id = attach(instrument);
    assertThatThrownBy(() -> Telemetry.attach(instrument))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already attached with id " + id);
  }

  @Test
  void severalInstrumentsOfAKindAreCalledInAttachOrder() {
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    attach(new RecordingInstrument(InstrumentKind.CUSTOM, "b", log));
    attach(new RecordingInstrument(InstrumentKind.CUSTOM, "a", log));
    attach(new RecordingInstrument(InstrumentKind.CUSTOM, "c", log));
    Operation.start(InstrumentKind.CUSTOM, new AttributeMap()).end();
    assertThat(log).containsExactly("b:start", "a:start", "c:start", "b:end", "a:end", "c:end");
  }

  @Test
  void concurrentAttachAndDetachWhileOthersRead() throws Exception {
    int writers = 4;
    int rounds = 500;
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Future<Long>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          long reads = 0;
          while (!stop.get()) {
            if (Telemetry.isEnabledFor(InstrumentKind.REDIS)) {
              Operation.start(InstrumentKind.REDIS, new AttributeMap()).end();
            }
            reads++;
          }
          return reads;
        }));
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<Long>>> kept = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        final int writer = w;
        kept.add(pool.submit(() -> {
          go.await();
          List<Long> mine = new ArrayList<>();
          for (int i = 0; i < rounds; i++) {
            long id = Telemetry.attach(new RecordingInstrument(InstrumentKind.REDIS, "w" + writer));
            if (i % 2 == 0) {
              assertThat(Telemetry.detach(id)).isTrue();
            } else {
              mine.add(id);
            }
          }
          return mine;
        }));
      }
      go.countDown();
      List<Long> survivors = new ArrayList<>();
      for (Future<List<Long>> f : kept) {
        survivors.addAll(f.get(30, TimeUnit.SECONDS));
      }
      stop.set(true);
      for (Future<Long> reader : readers) {
        // Each reader kept reading (and ran operations) while writers changed the table.
        assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
      }
      assertThat(survivors).hasSize(writers * rounds / 2).doesNotHaveDuplicates();
      assertThat(Telemetry.isEnabledFor(InstrumentKind.REDIS)).isTrue();
      for (long id : survivors) {
        assertThat(Telemetry.detach(id)).isTrue();
      }
      assertThat(Telemetry.isEnabledFor(InstrumentKind.REDIS)).isFalse();
    } finally {
      stop.set(true);
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
