package dev.aotel.runtime;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The attached instruments, per kind. Writers copy the table and publish the copy (copy-on-write
 * under a lock); readers do one volatile read and never lock.
 */
final class Registry {
  /** One attached instrument. */
  record Entry(long id, Instrument instrument, FailureReporter failures) {}

  private static final int KINDS = InstrumentKind.values().length;

  private final AtomicLong ids = new AtomicLong();
  private volatile Entry[][] table = emptyTable();

  private static Entry[][] emptyTable() {
    Entry[][] empty = new Entry[KINDS][];
    Arrays.fill(empty, new Entry[0]);
    return empty;
  }

  long attach(Instrument instrument) {
    Objects.requireNonNull(instrument, "instrument");
    InstrumentKind kind = Objects.requireNonNull(instrument.kind(),
        () -> "instrument.kind() of " + instrument.getClass().getName() + " returned null:"
            + " return the InstrumentKind it observes");
    String name = instrument.name();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("instrument.name() of " + instrument.getClass().getName()
          + " is " + (name == null ? "null" : "blank") + ": give the instrument a name");
    }
    synchronized (this) {
      for (Entry[] entries : table) {
        for (Entry entry : entries) {
          if (entry.instrument() == instrument) {
            throw new IllegalArgumentException("instrument '" + name + "' is already attached"
                + " with id " + entry.id() + ": detach it first");
          }
        }
      }
      long id = ids.incrementAndGet();
      Entry[][] next = table.clone();
      Entry[] old = next[kind.ordinal()];
      Entry[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = new Entry(id, instrument, new FailureReporter(name, System::nanoTime));
      next[kind.ordinal()] = grown;
      table = next;
      return id;
    }
  }

  synchronized boolean detach(long id) {
    Entry[][] current = table;
    for (int kind = 0; kind < current.length; kind++) {
      Entry[] entries = current[kind];
      for (int i = 0; i < entries.length; i++) {
        if (entries[i].id() == id) {
          Entry[] shrunk = new Entry[entries.length - 1];
          System.arraycopy(entries, 0, shrunk, 0, i);
          System.arraycopy(entries, i + 1, shrunk, i, entries.length - i - 1);
          Entry[][] next = current.clone();
          next[kind] = shrunk;
          table = next;
          return true;
        }
      }
    }
    return false;
  }

  boolean isEnabledFor(InstrumentKind kind) {
    return table[kind.ordinal()].length != 0;
  }

  /** The instruments of a kind, in attach order. The array must not be modified. */
  Entry[] entries(InstrumentKind kind) {
    return table[kind.ordinal()];
  }
}
