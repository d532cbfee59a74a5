package dev.aotel.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The attributes of one operation, and the per-instrument state that goes with them.
 *
 * <p>Well-known keys live in an array indexed by {@link AttributeKey#ordinal()}; pooled keys in a
 * small overflow searched by identity. Values are Java objects of the key's type: {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, or a {@code List} of those for array types.
 *
 * <p>The same instance travels through every hook of one operation, so an instrument keeps its
 * span and scope in {@link #state}/{@link #setState}: nothing outlives the operation. Not
 * thread-safe: an operation's hooks run one after another.
 */
public final class AttributeMap {
  private static final int WELL_KNOWN = AttributeKey.values().length;

  private final Object[] values = new Object[WELL_KNOWN];
  private int wellKnownCount;
  private SemconvKey[] pooledKeys;
  private Object[] pooledValues;
  private int pooledCount;
  private String operationName;
  /** Pairs of instrument and its state: [instrument0, state0, instrument1, state1, ...]. */
  private Object[] states;

  /** An empty map. */
  public AttributeMap() {}

  /**
   * The name the user gave the operation ({@code @Traced("...")}, or {@code Class.method}), or
   * null when the kind's conventions name it (HTTP: {@code {method} {route}}).
   */
  public String operationName() {
    return operationName;
  }

  /** Sets the operation's name; see {@link #operationName()}. */
  public AttributeMap operationName(String name) {
    this.operationName = name;
    return this;
  }

  /**
   * Sets a value, replacing any earlier one; a null value removes the key.
   *
   * @throws IllegalArgumentException if the value is not of the key's type
   */
  public AttributeMap set(SemconvKey key, Object value) {
    Objects.requireNonNull(key, "key");
    if (value != null) {
      checkType(key, value);
    }
    if (key instanceof AttributeKey known) {
      Object old = values[known.ordinal()];
      values[known.ordinal()] = value;
      wellKnownCount += (value != null ? 1 : 0) - (old != null ? 1 : 0);
      return this;
    }
    int index = pooledIndex(key);
    if (index >= 0) {
      if (value != null) {
        pooledValues[index] = value;
      } else {
        removePooled(index);
      }
    } else if (value != null) {
      addPooled(key, value);
    }
    return this;
  }

  /** The value of a key, or null. */
  public Object get(SemconvKey key) {
    if (key instanceof AttributeKey known) {
      return values[known.ordinal()];
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
    return wellKnownCount + pooledCount;
  }

  /** The keys with a value: well-known keys in declaration order, then pooled keys as added. */
  public List<SemconvKey> keys() {
    List<SemconvKey> keys = new ArrayList<>(size());
    forEach((key, value) -> keys.add(key));
    return keys;
  }

  /** Calls the action for every key with a value, in the order of {@link #keys()}. */
  public void forEach(BiConsumer<? super SemconvKey, Object> action) {
    if (wellKnownCount > 0) {
      AttributeKey[] all = AttributeKeys.ALL;
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          action.accept(all[i], values[i]);
        }
      }
    }
    for (int i = 0; i < pooledCount; i++) {
      action.accept(pooledKeys[i], pooledValues[i]);
    }
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
    if (states == null) {
      states = new Object[4];
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

  private int pooledIndex(SemconvKey key) {
    for (int i = 0; i < pooledCount; i++) {
      if (pooledKeys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  private void addPooled(SemconvKey key, Object value) {
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

  private void removePooled(int index) {
    int tail = pooledCount - index - 1;
    System.arraycopy(pooledKeys, index + 1, pooledKeys, index, tail);
    System.arraycopy(pooledValues, index + 1, pooledValues, index, tail);
    pooledCount--;
    pooledKeys[pooledCount] = null;
    pooledValues[pooledCount] = null;
  }

  private static void checkType(SemconvKey key, Object value) {
    boolean ok;
    switch (key.type()) {
      case STRING:
        ok = value instanceof String;
        break;
      case LONG:
        ok = value instanceof Long;
        break;
      case DOUBLE:
        ok = value instanceof Double;
        break;
      case BOOLEAN:
        ok = value instanceof Boolean;
        break;
      default:
        ok = value instanceof List;
        break;
    }
    if (!ok) {
      throw new IllegalArgumentException("attribute " + key.semconvName() + " takes a "
          + key.type() + ", not a " + value.getClass().getName());
    }
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

  /** {@code AttributeKey.values()} clones on every call; this does not. */
  private static final class AttributeKeys {
    static final AttributeKey[] ALL = AttributeKey.values();
  }
}
