package dev.aotel.sdk.internal.early;

import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The SDK's random ids, except while a span started before the SDK existed is replayed into it:
 * then the SDK is handed the ids that span already carried (and propagated), so the exported span
 * is the one the request saw. Replays are serialised on this object; on every other thread and at
 * every other time the cost is one read of a field that is null.
 */
final class ReplayIdGenerator implements IdGenerator {
  /** The SDK's random generator, made at first use (its class spins a lambda). */
  private static final class Random {
    static final IdGenerator IDS = IdGenerator.random();
  }

  /** The thread replaying a span, or null. */
  private volatile Thread replaying;
  private String traceId;
  private String spanId;

  @Override
  public String generateSpanId() {
    return replaying == Thread.currentThread() ? spanId : Random.IDS.generateSpanId();
  }

  @Override
  public String generateTraceId() {
    return replaying == Thread.currentThread() ? traceId : Random.IDS.generateTraceId();
  }

  @Override
  public boolean generatesRandomTraceIds() {
    return Random.IDS.generatesRandomTraceIds();
  }

  /** Ids for a span that does not exist yet: the SDK's own generator. */
  String newSpanId() {
    return Random.IDS.generateSpanId();
  }

  String newTraceId() {
    return Random.IDS.generateTraceId();
  }

  /** Runs {@code start} with the SDK handed these ids; callers hold this object's monitor. */
  <T> T withIds(String traceId, String spanId, java.util.function.Supplier<T> start) {
    this.traceId = traceId;
    this.spanId = spanId;
    replaying = Thread.currentThread();
    try {
      return start.get();
    } finally {
      replaying = null;
    }
  }
}
