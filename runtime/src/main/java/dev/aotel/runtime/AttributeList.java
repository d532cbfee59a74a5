package dev.aotel.runtime;

import dev.aotel.runtime.internal.KeyPool;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * An immutable, ordered list of keys, such as the headers an instrument captures or injects.
 * Order matters: injected header values are matched to keys by position. Size is O(1), iteration
 * O(n).
 */
public final class AttributeList implements Iterable<SemconvKey> {
  /** The empty list. */
  public static final AttributeList EMPTY = new AttributeList(new SemconvKey[0]);

  private final SemconvKey[] keys;

  private AttributeList(SemconvKey[] keys) {
    this.keys = keys;
  }

  /** A list of these keys, in this order. */
  public static AttributeList of(SemconvKey... keys) {
    SemconvKey[] copy = keys.clone();
    for (int i = 0; i < copy.length; i++) {
      Objects.requireNonNull(copy[i], "keys[" + i + "]");
    }
    return copy.length == 0 ? EMPTY : new AttributeList(copy);
  }

  /**
   * The {@code http.request.header.<name>} keys for these header names (any letter case), in the
   * same order and number.
   *
   * @throws IllegalArgumentException naming the first invalid header name
   */
  public static AttributeList parse(List<String> headerNames) {
    Objects.requireNonNull(headerNames, "headerNames");
    SemconvKey[] keys = new SemconvKey[headerNames.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = KeyPool.requestHeader(headerNames.get(i));
    }
    return keys.length == 0 ? EMPTY : new AttributeList(keys);
  }

  /**
   * The same headers as {@code http.response.header.<name>} keys (or as request keys, when this
   * list holds response keys), in the same order. Non-header keys are kept as they are.
   */
  public AttributeList responseKeys() {
    return mapHeaders(true);
  }

  /** The same headers as {@code http.request.header.<name>} keys, in the same order. */
  public AttributeList requestKeys() {
    return mapHeaders(false);
  }

  private AttributeList mapHeaders(boolean response) {
    SemconvKey[] mapped = new SemconvKey[keys.length];
    for (int i = 0; i < keys.length; i++) {
      String header = keys[i].headerName();
      mapped[i] = header == null || keys[i] == KeyPool.OVERFLOW
          ? keys[i]
          : response ? KeyPool.responseHeader(header) : KeyPool.requestHeader(header);
    }
    return mapped.length == 0 ? EMPTY : new AttributeList(mapped);
  }

  /** The number of keys. */
  public int size() {
    return keys.length;
  }

  /** The key at this position. */
  public SemconvKey get(int index) {
    return keys[index];
  }

  /** Whether the list holds this key; keys compare by identity. */
  public boolean contains(SemconvKey key) {
    for (SemconvKey k : keys) {
      if (k == key) {
        return true;
      }
    }
    return false;
  }

  /** The semantic-convention names, in order. */
  public List<String> names() {
    return Arrays.stream(keys).map(SemconvKey::semconvName).toList();
  }

  @Override
  public Iterator<SemconvKey> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < keys.length;
      }

      @Override
      public SemconvKey next() {
        if (next >= keys.length) {
          throw new NoSuchElementException();
        }
        return keys[next++];
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeList other && Arrays.equals(keys, other.keys);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(keys);
  }

  @Override
  public String toString() {
    return names().toString();
  }
}
