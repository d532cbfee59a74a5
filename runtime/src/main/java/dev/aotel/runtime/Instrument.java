package dev.aotel.runtime;

import io.opentelemetry.context.Scope;
import java.util.List;

/**
 * Observes operations of one {@link InstrumentKind}: attach it with {@link Telemetry#attach}.
 *
 * <p>The lifecycle of one operation: {@link #onOperationStart start} → {@link #onOperationInject
 * inject} (outgoing calls) → the call runs inside {@link #makeCurrent} → {@link
 * #onOperationError error} if it throws → {@link #onOperationEnd end}, always, exactly once. The
 * same {@link AttributeMap} goes through every hook of the operation; keep per-operation state in
 * {@link AttributeMap#setState}. The map always holds the incoming {@code traceparent}, {@code
 * tracestate} and {@code baggage} headers (every value) so that context can be extracted; export
 * headers only when they are in {@link #capturedRequestHeaders()}/{@link
 * #capturedResponseHeaders()}.
 *
 * <p>Hooks must be quick and must not block. A hook that throws never breaks the request: the
 * registry catches, counts and reports it (at most once a second per instrument).
 */
public interface Instrument {
  /** The kind of operation this instrument observes. */
  InstrumentKind kind();

  /** A short name used in reports, such as {@code "otel-http-server"}. */
  String name();

  /** An operation starts; the map holds what is known at the start. */
  default void onOperationStart(long id, AttributeMap attributes) {}

  /**
   * Makes this instrument's context current on the calling thread while the call runs; the
   * registry closes the returned scope after the call, on the same thread. Null: nothing to do.
   */
  default Scope makeCurrent(long id, AttributeMap attributes) {
    return null;
  }

  /**
   * The header values to add to the outgoing request (client) or response (server), in the order
   * of {@link #injectedHeaders()}; a null element adds nothing for that header.
   */
  default List<String> onOperationInject(long id, AttributeMap attributes) {
    return List.of();
  }

  /** The operation threw; the map may have gained {@code error.type}. */
  default void onOperationError(long id, AttributeMap attributes, Throwable error) {}

  /** The operation ended; the map holds the final attributes (status, size). Called once. */
  default void onOperationEnd(long id, AttributeMap attributes) {}

  /** Periodic samples, for metrics. */
  default void onOperationProgress(AttributeMap samples) {}

  /** The headers {@link #onOperationInject} gives values for, in order. */
  default AttributeList injectedHeaders() {
    return AttributeList.EMPTY;
  }

  /** The request headers to record as attributes (after {@link HeaderPolicy}). */
  default AttributeList capturedRequestHeaders() {
    return AttributeList.EMPTY;
  }

  /** The response headers to record as attributes (after {@link HeaderPolicy}). */
  default AttributeList capturedResponseHeaders() {
    return AttributeList.EMPTY;
  }
}
