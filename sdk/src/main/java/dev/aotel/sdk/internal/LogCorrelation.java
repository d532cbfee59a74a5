package dev.aotel.sdk.internal;

import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Puts the current span's ids into a logging library's thread context while an operation's scope
 * is entered on a thread, and puts back what was there when it is left: every appender of every
 * logger, synchronous or asynchronous, sees them in the real MDC, and nothing leaks to the next
 * task of a pooled thread. Nested operations see the inner ids, then the outer ones again.
 *
 * <p>Internal: not API, may change without notice.
 */
final class LogCorrelation implements Instrument {
  /** What was there before, when there was nothing: no array per request. */
  private static final String[] NOTHING = new String[3];

  private final InstrumentKind kind;
  private final LogContext context;
  private final String traceIdKey;
  private final String spanIdKey;
  private final String traceFlagsKey;

  LogCorrelation(InstrumentKind kind, LogContext context, String traceIdKey, String spanIdKey,
      String traceFlagsKey) {
    this.kind = kind;
    this.context = context;
    this.traceIdKey = traceIdKey;
    this.spanIdKey = spanIdKey;
    this.traceFlagsKey = traceFlagsKey;
  }

  @Override
  public InstrumentKind kind() {
    return kind;
  }

  @Override
  public String name() {
    return "log-correlation (" + context + ")";
  }

  @Override
  public void onScopeEnter(AttributeMap attributes) {
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return;
    }
    String traceId = context.get(traceIdKey);
    String spanId = context.get(spanIdKey);
    String flags = context.get(traceFlagsKey);
    attributes.setState(this, traceId == null && spanId == null && flags == null
        ? NOTHING : new String[] {traceId, spanId, flags});
    context.put(traceIdKey, span.getTraceId());
    context.put(spanIdKey, span.getSpanId());
    context.put(traceFlagsKey, span.getTraceFlags().asHex());
  }

  @Override
  public void onScopeExit(AttributeMap attributes) {
    if (!(attributes.state(this) instanceof String[] previous)) {
      return; // no valid span when the scope was entered: nothing was put
    }
    attributes.setState(this, null);
    restore(traceIdKey, previous[0]);
    restore(spanIdKey, previous[1]);
    restore(traceFlagsKey, previous[2]);
  }

  private void restore(String key, String previous) {
    if (previous == null) {
      context.remove(key);
    } else {
      context.put(key, previous);
    }
  }
}
