package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Metric attributes built once per distinct combination of values (route, method, status...) and
 * reused, so that recording a request allocates nothing once warmed. Lock-free: a small open
 * addressing table of immutable entries; a value is matched by identity first (the runtime hands
 * out the same instances: interned methods, cached statuses, route constants), then by equality.
 * When the neighbourhood of a combination is full the attributes are built and not kept: bounded
 * memory whatever the cardinality.
 */
final class AttributesCache {
  private static final int SIZE = 1 << 12;
  private static final int PROBES = 8;

  private record Entry(Object[] values, Attributes attributes) {}

  private final AttributeKey[] keys;
  private final AtomicReferenceArray<Entry> table = new AtomicReferenceArray<>(SIZE);

  /** A cache of the attributes made of these keys' values. */
  AttributesCache(AttributeKey... keys) {
    this.keys = keys.clone();
  }

  /** The attributes made of the map's values for the keys; cached. */
  Attributes get(AttributeMap map) {
    int hash = 1;
    for (AttributeKey key : keys) {
      Object value = map.get(key);
      hash = 31 * hash + (value == null ? 0 : value.hashCode());
    }
    hash ^= hash >>> 16;
    for (int probe = 0; probe < PROBES; probe++) {
      int index = (hash + probe) & (SIZE - 1);
      Entry entry = table.get(index);
      if (entry == null) {
        Entry made = make(map);
        table.compareAndSet(index, null, made); // lost to another thread: equal, just not kept
        return made.attributes();
      }
      if (matches(entry, map)) {
        return entry.attributes();
      }
    }
    return make(map).attributes();
  }

  private boolean matches(Entry entry, AttributeMap map) {
    Object[] values = entry.values();
    for (int i = 0; i < keys.length; i++) {
      Object a = values[i];
      Object b = map.get(keys[i]);
      if (a != b && (a == null || !a.equals(b))) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private Entry make(AttributeMap map) {
    Object[] values = new Object[keys.length];
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i < keys.length; i++) {
      values[i] = map.get(keys[i]);
      if (values[i] != null) {
        builder.put((io.opentelemetry.api.common.AttributeKey<Object>) keys[i].otelKey(),
            values[i]);
      }
    }
    return new Entry(values, builder.build());
  }

  @Override
  public String toString() {
    return "AttributesCache" + Arrays.toString(keys);
  }
}
