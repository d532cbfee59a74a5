package dev.aotel.runtime;

import io.opentelemetry.context.Scope;
import java.util.List;

/**
 * Observes operations of one {@link InstrumentKind}: attach it with {@link Telemetry#attach}.
 *
 * <p>The lifecycle of one operation: {@link #onOperationStart start} → {@link #onOperationInject
 * inject} (outgoing calls) → the call runs inside the scope: {@link #makeCurrent} for every
 * instrument, then {@link #onScopeEnter}; on leaving, {@link #onScopeExit}, then the contexts
 * close → {@link #onOperationError error} if it throws → {@link #onOperationEnd end}, always,
 * exactly once. End may run on another thread than the scope (an exchange completed later, a
 * {@code CompletionStage}).
 *
 * <p><b>Instruments only read.</b> The runtime derives every value once, before the hooks run
 * (normalised method and the original one, route, redacted URL, status, {@code error.type},
 * sizes, start time and duration), and the map is read-only to instruments, so none can change
 * what another sees. Keep per-operation state in {@link AttributeMap#setState}. The map always
 * holds the incoming headers of {@link #extractedHeaders()} (every value, in order) so that
 * context can be extracted; export headers only when they are in {@link
 * #capturedRequestHeaders()}/{@link #capturedResponseHeaders()}.
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
  default void onOperationStart(AttributeMap attributes) {}

  /**
   * Makes this instrument's context current on the calling thread while the call runs; the
   * registry closes the returned scope after the call, on the same thread. Null: nothing to do.
   */
  default Scope makeCurrent(AttributeMap attributes) {
    return null;
  }

  /**
   * The operation's scope was entered on this thread, after every instrument's {@link
   * #makeCurrent}: {@code Context.current()} is the operation's. For thread-bound side data such
   * as a logging MDC.
   */
  default void onScopeEnter(AttributeMap attributes) {}

  /** The operation's scope is being left on this thread, before the contexts close. */
  default void onScopeExit(AttributeMap attributes) {}

  /**
   * The header values to add to the outgoing request (client) or response (server), in the order
   * of {@link #injectedHeaders()}; a null element adds nothing for that header.
   */
  default List<String> onOperationInject(AttributeMap attributes) {
    return List.of();
  }

  /** The operation threw; the map already holds {@code error.type}. */
  default void onOperationError(AttributeMap attributes, Throwable error) {}

  /**
   * The operation ended; the map holds the final attributes (status, size, {@code error.type})
   * and {@link AttributeMap#durationNanos()}. Called once.
   */
  default void onOperationEnd(AttributeMap attributes) {}

  /** The headers {@link #onOperationInject} gives values for, in order. */
  default AttributeList injectedHeaders() {
    return AttributeList.EMPTY;
  }

  /**
   * The request headers this instrument reads to extract the incoming context (server kinds):
   * the runtime carries them in the map whatever the capture settings. Typically the propagators'
   * {@code fields()}.
   */
  default AttributeList extractedHeaders() {
    return AttributeList.EMPTY;
  }

  /** The request headers to record as attributes (credentials are never captured). */
  default AttributeList capturedRequestHeaders() {
    return AttributeList.EMPTY;
  }

  /** The response headers to record as attributes (credentials are never captured). */
  default AttributeList capturedResponseHeaders() {
    return AttributeList.EMPTY;
  }
}
