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
  private static final int TRACE_ID = 0;
  private static final int SPAN_ID = 1;

  private final InstrumentKind kind;
  private final LogContext context;
  /**
   * The trace id, span id and trace flags keys, walked in loops: one call site each for get, put
   * and remove, rather than three inlined copies of the logging library's MDC per site for the JIT
   * to compile into every request's scope.
   */
  private final String[] keys;

  LogCorrelation(InstrumentKind kind, LogContext context, String traceIdKey, String spanIdKey,
      String traceFlagsKey) {
    this.kind = kind;
    this.context = context;
    this.keys = new String[] {traceIdKey, spanIdKey, traceFlagsKey};
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
    String[] previous = NOTHING;
    for (int i = 0; i < keys.length; i++) { // every get before any put: the keys may coincide
      String before = context.get(keys[i]);
      if (before != null) {
        if (previous == NOTHING) {
          previous = new String[keys.length];
        }
        previous[i] = before;
      }
    }
    attributes.setState(this, previous);
    for (int i = 0; i < keys.length; i++) {
      context.put(keys[i], i == TRACE_ID ? span.getTraceId()
          : i == SPAN_ID ? span.getSpanId() : span.getTraceFlags().asHex());
    }
  }

  @Override
  public void onScopeExit(AttributeMap attributes) {
    if (!(attributes.state(this) instanceof String[] previous)) {
      return; // no valid span when the scope was entered: nothing was put
    }
    attributes.setState(this, null);
    for (int i = 0; i < keys.length; i++) {
      if (previous[i] == null) {
        context.remove(keys[i]);
      } else {
        context.put(keys[i], previous[i]);
      }
    }
  }
}
