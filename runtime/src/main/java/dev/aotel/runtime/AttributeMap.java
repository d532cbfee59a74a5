package dev.aotel.runtime;

import dev.aotel.runtime.internal.KeyPool;
import dev.aotel.runtime.internal.MapAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The attributes of one operation, its timing, and the per-instrument state that goes with them.
 *
 * <p>The runtime fills the map: what generated code or the HTTP helpers read from the request,
 * and what it derives once from that (normalised method, route, redacted URL, status, {@code
 * error.type}, sizes, start time and duration). Once the operation has started the map is
 * read-only for everybody but the runtime: {@link #set} throws, so no instrument can change what
 * another sees. An instrument keeps what it needs for the operation (its span, say) in {@link
 * #setState}.
 *
 * <p>Compact: the map grows with what is set. Well-known keys are found in O(1) from a bit set
 * over {@link AttributeKey#ordinal()} (the value's position is the count of lower bits set);
 * pooled keys in a small list searched by identity. Values are Java objects of the key's type:
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or a {@code List} of those.
 *
 * <p>Not thread-safe: an operation's hooks run one after another.
 */
public final class AttributeMap {
  private static final AttributeKey[] ALL = AttributeKey.values();

  static {
    if (ALL.length > 256) {
      // Four words of presence bits; the generator would need a fifth.
      throw new IllegalStateException(ALL.length + " well-known keys exceed AttributeMap's 256");
    }
    MapAccess.install(new MapAccess() {
      @Override
      protected void put(AttributeMap map, SemconvKey key, Object value) {
        map.put(key, value);
      }

      @Override
      protected void seal(AttributeMap map) {
        map.sealed = true;
      }

      @Override
      protected void started(AttributeMap map, long epochNanos, long nanoTime,
          int instruments) {
        map.startEpochNanos = epochNanos;
        map.startNanoTime = nanoTime;
        map.instruments = instruments;
      }

      @Override
      protected void ended(AttributeMap map, long nanoTime) {
        map.durationNanos = Math.max(0, nanoTime - map.startNanoTime);
      }
    });
  }

  /** Presence of well-known keys, by ordinal: bits 0-63, 64-127, 128-191, 192-255. */
  private long bits0;
  private long bits1;
  private long bits2;
  private long bits3;
  /** Values of the well-known keys present, in ordinal order. */
  private Object[] values;
  private int count;
  private SemconvKey[] pooledKeys;
  private Object[] pooledValues;
  private int pooledCount;
  private String operationName;
  /** Pairs of instrument and its state: [instrument0, state0, instrument1, state1, ...]. */
  private Object[] states;
  /** The operation's instrument count, once started: room for that many states at the first. */
  private int instruments;
  private boolean sealed;
  private long startEpochNanos;
  private long startNanoTime;
  private long durationNanos = -1;

  /** An empty map. */
  public AttributeMap() {
    this(8);
  }

  /** An empty map with room for this many well-known values before it grows. */
  public AttributeMap(int expected) {
    this.values = new Object[Math.max(expected, 1)];
  }

  /**
   * The name the user gave the operation ({@code @Traced("...")}, or {@code Class.method}), or
   * null when the kind's conventions name it (HTTP: {@code {method} {route}}).
   */
  public String operationName() {
    return operationName;
  }

  /**
   * Sets the operation's name; see {@link #operationName()}.
   *
   * @throws IllegalStateException once the operation has started
   */
  public AttributeMap operationName(String name) {
    checkOpen();
    this.operationName = name;
    return this;
  }

  /**
   * Sets a value, replacing any earlier one; a null value removes the key. A value for the key
   * pool's overflow key is dropped (the pool warned when it overflowed).
   *
   * @throws IllegalArgumentException if the value is not of the key's type
   * @throws IllegalStateException once the operation has started: instruments only read
   */
  public AttributeMap set(SemconvKey key, Object value) {
    checkOpen();
    Objects.requireNonNull(key, "key");
    if (key == KeyPool.OVERFLOW) {
      return this; // dropped, whatever its type; the pool warned
    }
    if (value != null && !key.type().equals(typeOf(value, key))) {
      throw new IllegalArgumentException("attribute " + key.semconvName() + " takes a "
          + key.type() + ", not a " + value.getClass().getName());
    }
    put(key, value);
    return this;
  }

  /** The value of a key, or null. */
  public Object get(SemconvKey key) {
    if (key instanceof AttributeKey known) {
      int slot = slot(known.ordinal());
      return slot >= 0 ? values[slot] : null;
    }
    int index = pooledIndex(key);
    return index >= 0 ? pooledValues[index] : null;
  }

  /** The value of a {@code STRING} key, or null. */
  public String getString(SemconvKey key) {
    return (String) get(key);
  }

  /** The value of a {@code LONG} key, or null. */
  public Long getLong(SemconvKey key) {
    return (Long) get(key);
  }

  /** The values of a {@code STRING_ARRAY} key, such as all values of a repeated header. */
  @SuppressWarnings("unchecked")
  public List<String> getStrings(SemconvKey key) {
    return (List<String>) get(key);
  }

  /** Whether the key has a value. */
  public boolean contains(SemconvKey key) {
    return get(key) != null;
  }

  /** The number of keys with a value. */
  public int size() {
    return count + pooledCount;
  }

  /** The keys with a value: well-known keys in declaration order, then pooled keys as added. */
  public List<SemconvKey> keys() {
    List<SemconvKey> keys = new ArrayList<>(size());
    forEach((key, value) -> keys.add(key));
    return keys;
  }

  /** Calls the action for every key with a value, in the order of {@link #keys()}. */
  public void forEach(BiConsumer<? super SemconvKey, Object> action) {
    int i = 0;
    for (int word = 0; word < 4; word++) {
      for (long w = word(word); w != 0; w &= w - 1) {
        action.accept(ALL[word * 64 + Long.numberOfTrailingZeros(w)], values[i++]);
      }
    }
    for (int p = 0; p < pooledCount; p++) {
      action.accept(pooledKeys[p], pooledValues[p]);
    }
  }

  /**
   * When the operation started, in nanoseconds since the epoch (0 before it started). Every
   * instrument reads the same value, so a span and a duration metric agree.
   */
  public long startEpochNanos() {
    return startEpochNanos;
  }

  /** How long the operation took, in nanoseconds; -1 until it ended. */
  public long durationNanos() {
    return durationNanos;
  }

  /** The state an instrument stored for this operation, or null. */
  public Object state(Instrument instrument) {
    if (states != null) {
      for (int i = 0; i < states.length; i += 2) {
        if (states[i] == instrument) {
          return states[i + 1];
        }
      }
    }
    return null;
  }

  /** Stores an instrument's state for this operation (its span, say), replacing any earlier. */
  public void setState(Instrument instrument, Object state) {
    Objects.requireNonNull(instrument, "instrument");
    if (states == null) { // made here, not at the start: most instruments keep no state
      states = new Object[2 * Math.max(1, instruments)];
    }
    int free = -1;
    for (int i = 0; i < states.length; i += 2) {
      if (states[i] == instrument) {
        states[i + 1] = state;
        return;
      }
      if (states[i] == null && free < 0) {
        free = i;
      }
    }
    if (free < 0) {
      free = states.length;
      states = Arrays.copyOf(states, states.length * 2);
    }
    states[free] = instrument;
    states[free + 1] = state;
  }

  private void checkOpen() {
    if (sealed) {
      throw new IllegalStateException("the attributes of a started operation are read-only:"
          + " instruments only read them; keep per-operation data in setState");
    }
  }

  /** Writes without checks: the runtime's path (through {@link MapAccess}) and {@link #set}. */
  private void put(SemconvKey key, Object value) {
    if (key instanceof AttributeKey known) {
      putKnown(known.ordinal(), value);
    } else if (key != KeyPool.OVERFLOW) {
      putPooled(key, value);
    }
  }

  private void putKnown(int ordinal, Object value) {
    int slot = slot(ordinal);
    if (slot >= 0) {
      if (value != null) {
        values[slot] = value;
      } else {
        System.arraycopy(values, slot + 1, values, slot, count - slot - 1);
        values[--count] = null;
        flip(ordinal);
      }
    } else if (value != null) {
      int position = -slot - 1;
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      System.arraycopy(values, position, values, position + 1, count - position);
      values[position] = value;
      count++;
      flip(ordinal);
    }
  }

  /**
   * Where a well-known key's value is: its index in {@code values} when the key has one (the
   * count of lower bits set), else {@code -(insertion index) - 1}. Presence and position in one
   * pass over one switch, not two: every read and write inlines this, so the JIT compiles it
   * dozens of times over.
   */
  private int slot(int ordinal) {
    long bit = 1L << ordinal; // shifts use the low six bits
    long word;
    int before;
    switch (ordinal >>> 6) {
      case 0:
        word = bits0;
        before = 0;
        break;
      case 1:
        word = bits1;
        before = Long.bitCount(bits0);
        break;
      case 2:
        word = bits2;
        before = Long.bitCount(bits0) + Long.bitCount(bits1);
        break;
      default:
        word = bits3;
        before = Long.bitCount(bits0) + Long.bitCount(bits1) + Long.bitCount(bits2);
        break;
    }
    int position = before + Long.bitCount(word & (bit - 1));
    return (word & bit) != 0 ? position : -position - 1;
  }

  private long word(int index) {
    switch (index) {
      case 0:
        return bits0;
      case 1:
        return bits1;
      case 2:
        return bits2;
      default:
        return bits3;
    }
  }

  private void flip(int ordinal) {
    long bit = 1L << ordinal;
    switch (ordinal >>> 6) {
      case 0:
        bits0 ^= bit;
        break;
      case 1:
        bits1 ^= bit;
        break;
      case 2:
        bits2 ^= bit;
        break;
      default:
        bits3 ^= bit;
        break;
    }
  }

  private int pooledIndex(SemconvKey key) {
    for (int i = 0; i < pooledCount; i++) {
      if (pooledKeys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  private void putPooled(SemconvKey key, Object value) {
    int index = pooledIndex(key);
    if (index >= 0) {
      if (value != null) {
        pooledValues[index] = value;
      } else {
        int tail = pooledCount - index - 1;
        System.arraycopy(pooledKeys, index + 1, pooledKeys, index, tail);
        System.arraycopy(pooledValues, index + 1, pooledValues, index, tail);
        pooledCount--;
        pooledKeys[pooledCount] = null;
        pooledValues[pooledCount] = null;
      }
      return;
    }
    if (value == null) {
      return;
    }
    if (pooledKeys == null) {
      pooledKeys = new SemconvKey[4];
      pooledValues = new Object[4];
    } else if (pooledCount == pooledKeys.length) {
      pooledKeys = Arrays.copyOf(pooledKeys, pooledCount * 2);
      pooledValues = Arrays.copyOf(pooledValues, pooledCount * 2);
    }
    pooledKeys[pooledCount] = key;
    pooledValues[pooledCount] = value;
    pooledCount++;
  }

  /** The type a value has, as the key would name it; the key's own type for a matching list. */
  private static io.opentelemetry.api.common.AttributeType typeOf(Object value, SemconvKey key) {
    if (value instanceof String) {
      return io.opentelemetry.api.common.AttributeType.STRING;
    } else if (value instanceof Long) {
      return io.opentelemetry.api.common.AttributeType.LONG;
    } else if (value instanceof Double) {
      return io.opentelemetry.api.common.AttributeType.DOUBLE;
    } else if (value instanceof Boolean) {
      return io.opentelemetry.api.common.AttributeType.BOOLEAN;
    } else if (value instanceof List && key.type().name().endsWith("_ARRAY")) {
      return key.type();
    }
    return null;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("{");
    forEach((key, value) -> {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append(key.semconvName()).append('=').append(value);
    });
    return out.append('}').toString();
  }
}
