package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The attributes of an {@link AotelSpan}: keys and values side by side in one array, in the order
 * they were first set. A server span's dozen attributes cost one array instead of a hash map with
 * a node per entry, and its SpanData reads the same array. Counts as the SDK's {@code
 * AttributesMap} counts: keys are told apart by name, as there, so a set of a present name
 * replaces its key and value in place; a new name adds to the total, and beyond the limit is
 * dropped.
 *
 * <p>Not thread-safe: the span guards it.
 */
final class SpanAttributes {
  private Object[] pairs;
  private int size;
  private int total;
  private final int limit;

  SpanAttributes(int expected, int limit) {
    this.pairs = new Object[Math.min(expected, limit) * 2];
    this.limit = limit;
  }

  /** Sets {@code key} (ignored when null or empty, or when the value is null). */
  void put(AttributeKey<?> key, Object value) {
    if (key == null || key.getKey().isEmpty() || value == null) {
      return;
    }
    Object[] p = pairs;
    int n = size * 2;
    String name = key.getKey();
    int hash = name.hashCode(); // cached by the string: equals runs only on a likely match
    for (int i = 0; i < n; i += 2) {
      if (p[i] == key) {
        p[i + 1] = value;
        return;
      }
      String held = ((AttributeKey<?>) p[i]).getKey();
      if (held.hashCode() == hash && held.equals(name)) {
        p[i] = key; // the SDK keys by name: a set under another type replaces key and value
        p[i + 1] = value;
        return;
      }
    }
    total++;
    if (size == limit) {
      return;
    }
    if (n == p.length) {
      pairs = p = Arrays.copyOf(p, Math.max(8, Math.min(n * 2, limit * 2)));
    }
    p[n] = key;
    p[n + 1] = value;
    size++;
  }

  void putAll(Attributes attributes) {
    attributes.forEach(this::put);
  }

  /** How many keys were set, dropped ones included: the SDK's total attribute count. */
  int total() {
    return total;
  }

  /** The attributes as they are now; the view stays valid as long as nothing is set after. */
  Attributes view() {
    return size == 0 ? Attributes.empty() : new View(pairs, size);
  }

  /** A copy that later sets do not change. */
  Attributes snapshot() {
    return size == 0 ? Attributes.empty() : new View(Arrays.copyOf(pairs, size * 2), size);
  }

  /** A copy, counts included, that later sets on either do not change. */
  SpanAttributes copy() {
    SpanAttributes copy = new SpanAttributes(0, limit);
    copy.pairs = Arrays.copyOf(pairs, size * 2);
    copy.size = size;
    copy.total = total;
    return copy;
  }

  Object get(AttributeKey<?> key) {
    for (int i = 0, n = size * 2; i < n; i += 2) {
      if (pairs[i].equals(key)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  /** Read-only attributes over a pairs array that is not written any more. */
  static final class View implements Attributes {
    private final Object[] pairs;
    private final int size;

    View(Object[] pairs, int size) {
      this.pairs = pairs;
      this.size = size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(AttributeKey<T> key) {
      for (int i = 0, n = size * 2; i < n; i += 2) {
        if (pairs[i].equals(key)) {
          return (T) pairs[i + 1];
        }
      }
      return null;
    }

    @Override
    public void forEach(BiConsumer<? super AttributeKey<?>, ? super Object> consumer) {
      for (int i = 0, n = size * 2; i < n; i += 2) {
        consumer.accept((AttributeKey<?>) pairs[i], pairs[i + 1]);
      }
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public boolean isEmpty() {
      return size == 0;
    }

    @Override
    public Map<AttributeKey<?>, Object> asMap() {
      Map<AttributeKey<?>, Object> map = new LinkedHashMap<>();
      for (int i = 0, n = size * 2; i < n; i += 2) {
        map.put((AttributeKey<?>) pairs[i], pairs[i + 1]);
      }
      return Collections.unmodifiableMap(map);
    }

    @Override
    @SuppressWarnings("unchecked")
    public AttributesBuilder toBuilder() {
      AttributesBuilder builder = Attributes.builder();
      for (int i = 0, n = size * 2; i < n; i += 2) {
        builder.put((AttributeKey<Object>) pairs[i], pairs[i + 1]);
      }
      return builder;
    }

    /** Equal to any {@code Attributes} with the same keys and values, in whatever order. */
    @Override
    public boolean equals(Object other) {
      return other instanceof Attributes that && that.size() == size
          && that.asMap().equals(asMap());
    }

    @Override
    public int hashCode() {
      return asMap().hashCode();
    }

    /** As the SDK's attributes print: {@code {http.request.method="GET", server.port=8080}}. */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("{");
      for (int i = 0, n = size * 2; i < n; i += 2) {
        if (i > 0) {
          text.append(", ");
        }
        Object value = pairs[i + 1];
        text.append(((AttributeKey<?>) pairs[i]).getKey()).append('=');
        if (value instanceof String) {
          text.append('"').append(value).append('"');
        } else {
          text.append(value);
        }
      }
      return text.append('}').toString();
    }
  }
}
