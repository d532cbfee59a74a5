package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The attached instruments, per kind, behind {@code Telemetry}. Writers copy the table and
 * publish the copy (copy-on-write under a lock); readers do one volatile read and never lock.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class Registry {
  /** One attached instrument. */
  record Entry(long id, Instrument instrument, FailureReporter failures) {
    /** Reports a hook that threw; the request goes on without it. */
    void failed(String hook, Throwable t) {
      if (t instanceof VirtualMachineError vmError) {
        throw vmError; // the JVM is failing; hiding that helps nobody
      }
      failures.failed(hook, t);
    }
  }

  /**
   * What is attached for one kind: the instruments in attach order; the union of the headers
   * they capture, read once at attach and filtered through {@link HeaderPolicy} so that no
   * instrument can capture a credential; and the union of the headers they read for context
   * extraction, carried whatever the policy because they are never exported for it.
   */
  record Slot(boolean enabled, Entry[] entries, AttributeList requestCapture,
      AttributeList responseCapture, AttributeList extracted, RequestHeaders requestHeaders,
      boolean injects) {
    static final Slot EMPTY = new Slot(false, new Entry[0], AttributeList.EMPTY,
        AttributeList.EMPTY, AttributeList.EMPTY, RequestHeaders.of(AttributeList.EMPTY), false);

    static Slot of(Entry[] entries) {
      if (entries.length == 0) {
        return EMPTY;
      }
      Set<SemconvKey> request = new LinkedHashSet<>();
      Set<SemconvKey> response = new LinkedHashSet<>();
      Set<SemconvKey> extracted = new LinkedHashSet<>();
      boolean injects = false;
      for (Entry entry : entries) {
        injects |= entry.instrument().injectedHeaders().size() > 0;
        allowed(entry.instrument().capturedRequestHeaders(), request);
        allowed(entry.instrument().capturedResponseHeaders(), response);
        for (SemconvKey key : entry.instrument().extractedHeaders()) {
          if (key.headerName() != null && key != KeyPool.OVERFLOW) {
            extracted.add(key);
          }
        }
      }
      Set<SemconvKey> carried = new LinkedHashSet<>(extracted);
      carried.addAll(request);
      return new Slot(true, entries, list(request), list(response), list(extracted),
          RequestHeaders.of(list(carried)), injects);
    }

    private static AttributeList list(Set<SemconvKey> keys) {
      return AttributeList.of(keys.toArray(new SemconvKey[0]));
    }

    private static void allowed(AttributeList keys, Set<SemconvKey> into) {
      for (SemconvKey key : keys) {
        String header = key.headerName();
        if (header != null && key != KeyPool.OVERFLOW && !HeaderPolicy.isBlocked(header)) {
          into.add(key);
        }
      }
    }
  }

  private static final int KINDS = InstrumentKind.values().length;

  /** The registry {@code Telemetry} and generated code use. */
  public static final Registry GLOBAL = new Registry();

  private final AtomicLong ids = new AtomicLong();
  private volatile Slot[] table = emptyTable();

  Registry() {}

  private static Slot[] emptyTable() {
    Slot[] empty = new Slot[KINDS];
    Arrays.fill(empty, Slot.EMPTY);
    return empty;
  }

  /** See {@code Telemetry.attach}. */
  public long attach(Instrument instrument) {
    Objects.requireNonNull(instrument, "instrument");
    InstrumentKind kind = instrument.kind();
    if (kind == null) {
      throw new NullPointerException("instrument.kind() of " + instrument.getClass().getName()
          + " returned null: return the InstrumentKind it observes");
    }
    String name = instrument.name();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("instrument.name() of " + instrument.getClass().getName()
          + " is " + (name == null ? "null" : "blank") + ": give the instrument a name");
    }
    synchronized (this) {
      for (Slot slot : table) {
        for (Entry entry : slot.entries()) {
          if (entry.instrument() == instrument) {
            throw new IllegalArgumentException("instrument '" + name + "' is already attached"
                + " with id " + entry.id() + ": detach it first");
          }
        }
      }
      long id = ids.incrementAndGet();
      Slot[] next = table.clone();
      Entry[] old = next[kind.ordinal()].entries();
      Entry[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] =
          new Entry(id, instrument, new FailureReporter(name, FailureReporter.SYSTEM_CLOCK));
      next[kind.ordinal()] = Slot.of(grown);
      table = next;
      return id;
    }
  }

  /** See {@code Telemetry.detach}. */
  public synchronized boolean detach(long id) {
    Slot[] current = table;
    for (int kind = 0; kind < current.length; kind++) {
      Entry[] entries = current[kind].entries();
      for (int i = 0; i < entries.length; i++) {
        if (entries[i].id() == id) {
          Entry[] shrunk = new Entry[entries.length - 1];
          System.arraycopy(entries, 0, shrunk, 0, i);
          System.arraycopy(entries, i + 1, shrunk, i, entries.length - i - 1);
          Slot[] next = current.clone();
          next[kind] = Slot.of(shrunk);
          table = next;
          return true;
        }
      }
    }
    return false;
  }

  /** See {@code Telemetry.isEnabledFor}. */
  public boolean isEnabledFor(InstrumentKind kind) {
    return table[kind.ordinal()].enabled();
  }

  /**
   * The request headers some attached instrument of this kind captures: the union of their
   * {@code capturedRequestHeaders()}, without credentials ({@link HeaderPolicy}).
   */
  public AttributeList capturedRequestHeaders(InstrumentKind kind) {
    return slot(kind).requestCapture();
  }

  /** The request headers some attached instrument of this kind reads to extract context. */
  public AttributeList extractedHeaders(InstrumentKind kind) {
    return slot(kind).extracted();
  }

  /** The request headers the runtime carries for a kind: extracted and captured ones. */
  RequestHeaders requestHeaders(InstrumentKind kind) {
    return slot(kind).requestHeaders();
  }

  /** What is attached for a kind. Its entries array must not be modified. */
  Slot slot(InstrumentKind kind) {
    return table[kind.ordinal()];
  }
}
