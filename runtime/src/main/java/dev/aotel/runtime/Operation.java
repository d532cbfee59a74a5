package dev.aotel.runtime;

import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One observed operation: what generated code and the runtime's HTTP helpers drive. Start it with
 * {@link Telemetry#start}, then:
 *
 * <pre>{@code
 * Operation op = Telemetry.start(InstrumentKind.CUSTOM, attributes);
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
 * <p>Every hook call is guarded: an instrument that throws is reported and skipped, never
 * propagated. The instruments are those attached when the operation started, so one detached
 * meanwhile still sees its end.
 */
public final class Operation {
  private static final AtomicLong IDS = new AtomicLong();

  private final long id;
  private final Registry.Entry[] entries;
  private final AttributeMap attributes;
  private boolean ended;

  private Operation(Registry.Entry[] entries, AttributeMap attributes) {
    this.id = IDS.incrementAndGet();
    this.entries = entries;
    this.attributes = attributes;
  }

  static Operation start(Registry.Entry[] entries, AttributeMap attributes) {
    Operation operation = new Operation(entries, attributes);
    for (Registry.Entry entry : entries) {
      try {
        entry.instrument().onOperationStart(operation.id, attributes);
      } catch (Throwable t) {
        failed(entry, "onOperationStart", t);
      }
    }
    return operation;
  }

  /** The operation's id, unique in this process. */
  public long id() {
    return id;
  }

  /** The attributes every hook of this operation sees. */
  public AttributeMap attributes() {
    return attributes;
  }

  /**
   * Makes the instruments' contexts current on this thread until the returned scope is closed
   * (on this thread, in reverse order).
   */
  public Scope makeCurrent() {
    Scope[] scopes = new Scope[entries.length];
    for (int i = 0; i < entries.length; i++) {
      try {
        scopes[i] = entries[i].instrument().makeCurrent(id, attributes);
      } catch (Throwable t) {
        failed(entries[i], "makeCurrent", t);
      }
    }
    return () -> {
      for (int i = scopes.length - 1; i >= 0; i--) {
        if (scopes[i] != null) {
          try {
            scopes[i].close();
          } catch (Throwable t) {
            failed(entries[i], "makeCurrent(...).close()", t);
          }
        }
      }
    };
  }

  /**
   * Asks every instrument for the headers to propagate and hands each name and value to {@code
   * header}: for a client call, the outgoing request's headers; for a server, the response's.
   */
  public void inject(BiConsumer<String, String> header) {
    for (Registry.Entry entry : entries) {
      AttributeList names = entry.instrument().injectedHeaders();
      if (names.size() == 0) {
        continue;
      }
      List<String> values;
      try {
        values = entry.instrument().onOperationInject(id, attributes);
      } catch (Throwable t) {
        failed(entry, "onOperationInject", t);
        continue;
      }
      int n = Math.min(names.size(), values == null ? 0 : values.size());
      for (int i = 0; i < n; i++) {
        String value = values.get(i);
        String name = names.get(i).headerName();
        if (value != null && name != null) {
          header.accept(name, value);
        }
      }
    }
  }

  /**
   * Records that the call threw. Sets {@code error.type} to the throwable's class name unless the
   * caller already set a more precise one.
   */
  public void error(Throwable error) {
    if (!attributes.contains(AttributeKey.ERROR_TYPE)) {
      attributes.set(AttributeKey.ERROR_TYPE, error.getClass().getName());
    }
    for (Registry.Entry entry : entries) {
      try {
        entry.instrument().onOperationError(id, attributes, error);
      } catch (Throwable t) {
        failed(entry, "onOperationError", t);
      }
    }
  }

  /** Ends the operation. Only the first call has an effect. */
  public void end() {
    if (ended) {
      return;
    }
    ended = true;
    for (Registry.Entry entry : entries) {
      try {
        entry.instrument().onOperationEnd(id, attributes);
      } catch (Throwable t) {
        failed(entry, "onOperationEnd", t);
      }
    }
  }

  /** Whether {@link #end} was called. */
  public boolean isEnded() {
    return ended;
  }

  private static void failed(Registry.Entry entry, String hook, Throwable t) {
    if (t instanceof VirtualMachineError vmError) {
      throw vmError; // the JVM is failing; hiding that helps nobody
    }
    entry.failures().failed(hook, t);
  }
}
