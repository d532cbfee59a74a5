package dev.aotel.runtime;

import dev.aotel.runtime.internal.Registry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The registry of instruments that generated code reports to. Attach instruments to make
 * operations of their kind observable; with nothing attached for a kind, {@link #isEnabledFor} is
 * one volatile read and generated wrappers call straight through, allocating nothing.
 */
public final class Telemetry {
  private Telemetry() {}

  /**
   * Attaches an instrument; operations of its kind started from now on call its hooks, after those
   * of instruments attached earlier.
   *
   * @return a positive id, unique for the life of the process, for {@link #detach}
   * @throws NullPointerException if the instrument or its kind is null
   * @throws IllegalArgumentException if its name is blank or it is already attached
   */
  public static long attach(Instrument instrument) {
    return Registry.GLOBAL.attach(instrument);
  }

  /**
   * Detaches an instrument. Operations already started still end on it.
   *
   * @return whether an instrument with this id was attached
   */
  public static boolean detach(long id) {
    return Registry.GLOBAL.detach(id);
  }

  /** Whether an instrument of this kind is attached. One volatile array read; no lock. */
  public static boolean isEnabledFor(InstrumentKind kind) {
    return Registry.GLOBAL.isEnabledFor(kind);
  }

  /**
   * The trace and span id of the current span, or null outside any valid span: for putting the
   * ids into log lines of any logging library.
   */
  public static ActiveSpan activeSpan() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? new ActiveSpan(context.getTraceId(), context.getSpanId()) : null;
  }
}
