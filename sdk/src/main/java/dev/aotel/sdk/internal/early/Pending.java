package dev.aotel.sdk.internal.early;

import java.util.ArrayList;
import java.util.List;

/**
 * What was made before the SDK existed, up to a bound, until it is handed over, once. Beyond the
 * bound items are counted, not kept. After the hand-over nothing is kept: callers give what they
 * make to the SDK themselves.
 */
final class Pending<T> {
  private final int capacity;
  /** Null once handed over. Guarded by this. */
  private List<T> items = new ArrayList<>();
  private long dropped;

  Pending(int capacity) {
    this.capacity = Math.max(capacity, 0);
  }

  /** Keeps the item, or counts it dropped when full; false once handed over. */
  synchronized boolean keep(T item) {
    if (items == null) {
      return false;
    }
    if (items.size() < capacity) {
      items.add(item);
    } else {
      dropped++;
    }
    return true;
  }

  /** What was kept, in order; from now on {@link #keep} returns false. */
  synchronized List<T> handOver() {
    List<T> kept = items == null ? List.of() : items;
    items = null;
    return kept;
  }

  synchronized long dropped() {
    return dropped;
  }
}
