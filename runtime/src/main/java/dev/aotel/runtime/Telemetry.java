package dev.aotel.runtime;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Objects;

/**
 * The registry that generated code calls. Attach instruments to make operations of their kind
 * observable; with nothing attached for a kind, {@link #isEnabledFor} is one volatile read and
 * generated wrappers call straight through, allocating nothing.
 */
public final class Telemetry {
  private static final Registry REGISTRY = new Registry();

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
    return REGISTRY.attach(instrument);
  }

  /**
   * Detaches an instrument. Operations already started still end on it.
   *
   * @return whether an instrument with this id was attached
   */
  public static boolean detach(long id) {
    return REGISTRY.detach(id);
  }

  /** Whether an instrument of this kind is attached. One volatile array read; no lock. */
  public static boolean isEnabledFor(InstrumentKind kind) {
    return REGISTRY.isEnabledFor(kind);
  }

  /**
   * Starts an operation of a kind: calls {@code onOperationStart} of every instrument of the kind.
   * Callers check {@link #isEnabledFor} first, so that nothing is allocated when nothing listens.
   */
  public static Operation start(InstrumentKind kind, AttributeMap attributes) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(attributes, "attributes");
    return Operation.start(REGISTRY.slot(kind).entries(), attributes);
  }

  /**
   * The request headers that some attached instrument of this kind captures: the union of their
   * {@link Instrument#capturedRequestHeaders()}, without credentials ({@link HeaderPolicy}).
   */
  public static AttributeList capturedRequestHeaders(InstrumentKind kind) {
    return REGISTRY.slot(kind).requestCapture();
  }

  /** Like {@link #capturedRequestHeaders}, for response headers. */
  public static AttributeList capturedResponseHeaders(InstrumentKind kind) {
    return REGISTRY.slot(kind).responseCapture();
  }

  /** The trace and span id of the current span, or null outside any valid span. */
  public static ActiveSpan activeSpan() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? new ActiveSpan(context.getTraceId(), context.getSpanId()) : null;
  }
}
