package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;

/**
 * One observed operation, as generated code and the runtime's HTTP helpers drive it:
 *
 * <pre>{@code
 * Operation op = Operation.start(InstrumentKind.CUSTOM, attributes);
 * try (Scope scope = op.makeCurrent()) {
 *   return delegate.call();
 * } catch (Throwable t) {
 *   op.error(t);
 *   throw t;
 * } finally {
 *   op.end();
 * }
 * }</pre>
 *
 * <p>Starting seals the map: from then on only the runtime writes to it (through {@link #set}),
 * between hooks, so every instrument sees the same values whatever the attach order. Every hook
 * call is guarded: an instrument that throws is reported and skipped, never propagated. The
 * instruments are those attached when the operation started, so one detached meanwhile still sees
 * its end.
 *
 * <p>Internal: called by generated code and aotel's modules only; may change without notice.
 */
public final class Operation implements Scope {
  private static final AtomicIntegerFieldUpdater<Operation> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(Operation.class, "ended");

  private final Registry.Entry[] entries;
  private final boolean injects;
  private final AttributeList responseCapture;
  private final AttributeMap attributes;
  private volatile int ended;
  /** The contexts {@link #makeCurrent} opened, until {@link #close} leaves the scope. */
  private Scope[] opened;
  private boolean scopeOpen;

  private Operation(Registry.Slot slot, AttributeMap attributes) {
    this.entries = slot.entries();
    this.responseCapture = slot.responseCapture();
    this.injects = slot.injects();
    this.attributes = attributes;
  }

  /**
   * Starts an operation of a kind: seals the map, records the start time and calls {@code
   * onOperationStart} of every instrument attached for the kind. Callers check {@code
   * Telemetry.isEnabledFor} first, so that nothing is allocated when nothing listens.
   */
  public static Operation start(InstrumentKind kind, AttributeMap attributes) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(attributes, "attributes");
    MapAccess maps = MapAccess.get();
    maps.seal(attributes);
    Operation operation = new Operation(Registry.GLOBAL.slot(kind), attributes);
    long now = System.nanoTime();
    maps.started(attributes, Clock.epochNanos(now), now, operation.entries.length);
    for (Registry.Entry entry : operation.entries) {
      try {
        entry.instrument().onOperationStart(attributes);
      } catch (Throwable t) {
        entry.failed("onOperationStart", t);
      }
    }
    return operation;
  }

  /** The attributes every hook of this operation sees. */
  public AttributeMap attributes() {
    return attributes;
  }

  /** The runtime's own write: a value derived or observed after the start, seen by later hooks. */
  public void set(SemconvKey key, Object value) {
    MapAccess.write(attributes, key, value);
  }

  /**
   * Makes the instruments' contexts current on this thread, then tells every instrument the scope
   * was entered, until the returned scope is closed (on this thread: exits in reverse order, then
   * the contexts are closed in reverse order).
   */
  public Scope makeCurrent() {
    Scope[] scopes = null; // most instruments make nothing current: allocate only if one does
    for (int i = 0; i < entries.length; i++) {
      try {
        Scope scope = entries[i].instrument().makeCurrent(attributes);
        if (scope != null) {
          if (scopes == null) {
            scopes = new Scope[entries.length];
          }
          scopes[i] = scope;
        }
      } catch (Throwable t) {
        entries[i].failed("makeCurrent", t);
      }
    }
    for (Registry.Entry entry : entries) {
      try {
        entry.instrument().onScopeEnter(attributes);
      } catch (Throwable t) {
        entry.failed("onScopeEnter", t);
      }
    }
    if (scopeOpen) { // a second scope at once (another thread): it keeps its own contexts
      Scope[] mine = scopes;
      return () -> exitScope(mine);
    }
    scopeOpen = true;
    opened = scopes;
    return this;
  }

  /**
   * Leaves the scope {@link #makeCurrent} returned (the operation is its own scope, so a request
   * allocates no scope object); this does not end the operation.
   */
  @Override
  public void close() {
    Scope[] scopes = opened;
    opened = null;
    scopeOpen = false;
    exitScope(scopes);
  }

  private void exitScope(Scope[] scopes) {
    for (int i = entries.length - 1; i >= 0; i--) {
      try {
        entries[i].instrument().onScopeExit(attributes);
      } catch (Throwable t) {
        entries[i].failed("onScopeExit", t);
      }
    }
    for (int i = entries.length - 1; scopes != null && i >= 0; i--) {
      if (scopes[i] != null) {
        try {
          scopes[i].close();
        } catch (Throwable t) {
          entries[i].failed("makeCurrent(...).close()", t);
        }
      }
    }
  }

  /**
   * The response headers this operation's instruments capture: those attached when it started,
   * as for every hook, whatever was attached or detached since.
   */
  public AttributeList capturedResponseHeaders() {
    return responseCapture;
  }

  /** Whether some instrument injects headers, so that callers can skip preparing a carrier. */
  public boolean injects() {
    return injects;
  }

  /**
   * Asks every instrument for the headers to propagate and hands each name and value to {@code
   * header}: for a client call, the outgoing request's headers; for a server, the response's.
   */
  public void inject(BiConsumer<String, String> header) {
    for (Registry.Entry entry : entries) {
      // All of it guarded: a header the carrier refuses (a value with CR or LF, which the JDK's
      // Headers rejects) must not fail the user's sendResponseHeaders or request.
      try {
        AttributeList names = entry.instrument().injectedHeaders();
        if (names.size() == 0) {
          continue;
        }
        List<String> values = entry.instrument().onOperationInject(attributes);
        int n = Math.min(names.size(), values == null ? 0 : values.size());
        for (int i = 0; i < n; i++) {
          String value = values.get(i);
          String name = names.get(i).headerName();
          if (value != null && name != null) {
            header.accept(name, value);
          }
        }
      } catch (Throwable t) {
        entry.failed("onOperationInject", t);
      }
    }
  }

  /**
   * Records that the call threw: {@code error.type} becomes the throwable's class name unless the
   * runtime already derived a more precise one; then every instrument's error hook runs.
   */
  public void error(Throwable error) {
    if (!attributes.contains(AttributeKey.ERROR_TYPE)) {
      set(AttributeKey.ERROR_TYPE, error.getClass().getName());
    }
    for (Registry.Entry entry : entries) {
      try {
        entry.instrument().onOperationError(attributes, error);
      } catch (Throwable t) {
        entry.failed("onOperationError", t);
      }
    }
  }

  /** Ends the operation: records its duration and calls every end hook. Only the first call. */
  public void end() {
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    MapAccess.get().ended(attributes, System.nanoTime());
    for (Registry.Entry entry : entries) {
      try {
        entry.instrument().onOperationEnd(attributes);
      } catch (Throwable t) {
        entry.failed("onOperationEnd", t);
      }
    }
  }

  /** Whether {@link #end} was called. */
  public boolean isEnded() {
    return ended != 0;
  }
}
