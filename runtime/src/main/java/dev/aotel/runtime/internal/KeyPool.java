package dev.aotel.runtime.internal;

import dev.aotel.internal.NameRules;
import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.api.common.AttributeType;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Interned keys for uncommon names: user-configured header names and custom attributes. The pool
 * holds at most {@value #MAX_KEYS} keys, so configuration fed from untrusted input cannot grow it
 * without bound; past that every new name maps to {@link #OVERFLOW}, whose values are dropped, and
 * one warning is printed.
 *
 * <p>Internal: not API, may change without notice. Instruments get header keys from {@code
 * SemconvKey.requestHeader}.
 */
public final class KeyPool {
  /** The most keys the pool holds. */
  public static final int MAX_KEYS = 1024;
  /**
   * Room kept beside the bound for the headers propagators name: a full pool must not break
   * context propagation. Propagators name a handful of fixed headers; this bounds a broken one.
   */
  static final int MAX_PROPAGATION_KEYS = 64;
  /**
   * What a name maps to when it cannot be recorded: the pool is full, or (for {@link #attribute})
   * the name is invalid or belongs to a well-known key of another type. {@code AttributeMap}
   * drops its values, whatever their type.
   */
  public static final PooledKey OVERFLOW = new PooledKey("aotel.key_pool.overflow",
      AttributeType.STRING_ARRAY, null);

  private static final KeyPool GLOBAL = new KeyPool();

  private final ConcurrentMap<String, PooledKey> pool = new ConcurrentHashMap<>();
  private boolean overflowReported;
  private final java.util.Set<String> dropReported = ConcurrentHashMap.newKeySet();

  /** A fresh pool; the static methods use the one global pool. */
  KeyPool() {}

  /** A key that is not a generated {@link AttributeKey} constant. Compared by identity. */
  public static final class PooledKey implements SemconvKey {
    private final io.opentelemetry.api.common.AttributeKey<?> otelKey;
    private final String headerName;

    private PooledKey(String name, AttributeType type, String headerName) {
      this.otelKey = KeyPool.otelKey(name, type);
      this.headerName = headerName;
    }

    @Override
    public String semconvName() {
      return otelKey.getKey();
    }

    @Override
    public AttributeType type() {
      return otelKey.getType();
    }

    @Override
    public io.opentelemetry.api.common.AttributeKey<?> otelKey() {
      return otelKey;
    }

    @Override
    public HttpHeader header() {
      return null;
    }

    @Override
    public String headerName() {
      return headerName;
    }

    @Override
    public String toString() {
      return semconvName();
    }
  }

  /**
   * The {@code http.request.header.<name>} key for a header name, in any case: the generated
   * constant for a fast header, otherwise a pooled key.
   *
   * @throws IllegalArgumentException if the name is not a valid header name
   */
  public static SemconvKey requestHeader(String headerName) {
    return GLOBAL.header(headerName, false);
  }

  /** Like {@link #requestHeader}, for {@code http.response.header.<name>}. */
  public static SemconvKey responseHeader(String headerName) {
    return GLOBAL.header(headerName, true);
  }

  /**
   * Like {@link #requestHeader}, for a header a propagator names in its {@code fields()}: such a
   * key is interned even when the pool is full (up to {@value #MAX_PROPAGATION_KEYS} more), so
   * that many custom names can never stop trace context from crossing services.
   *
   * @throws IllegalArgumentException if the name is not a valid header name
   */
  public static SemconvKey propagationHeader(String headerName) {
    // Propagators ask for the same constant names on every request (traceparent, tracestate,
    // baggage): found again by identity, they skip normalising and validating the name (about 5 %
    // of a traced request's profile samples). Entries are immutable: racing writers are harmless.
    int slot = System.identityHashCode(headerName) & (PROPAGATION_MEMO.length - 1);
    Memo memo = PROPAGATION_MEMO[slot];
    if (memo != null && memo.name == headerName) {
      return memo.key;
    }
    SemconvKey key = GLOBAL.propagation(headerName);
    PROPAGATION_MEMO[slot] = new Memo(headerName, key);
    return key;
  }

  private static final Memo[] PROPAGATION_MEMO = new Memo[16];

  /** A name and its key; a class rather than a record, whose methods bootstrap at first use. */
  private static final class Memo {
    final String name;
    final SemconvKey key;

    Memo(String name, SemconvKey key) {
      this.name = name;
      this.key = key;
    }
  }

  SemconvKey propagation(String headerName) {
    return header(headerName, false, MAX_KEYS + MAX_PROPAGATION_KEYS);
  }

  SemconvKey header(String headerName, boolean response) {
    return header(headerName, response, MAX_KEYS);
  }

  private SemconvKey header(String headerName, boolean response, int bound) {
    String name = HeaderNames.normalize(headerName);
    HttpHeader fast = HttpHeader.lookup(name);
    if (fast != null) {
      return response ? fast.responseKey() : fast.requestKey();
    }
    String prefix =
        response ? AttributeKey.RESPONSE_HEADER_PREFIX : AttributeKey.REQUEST_HEADER_PREFIX;
    return intern(prefix + name, AttributeKey.HEADER_VALUE_TYPE, name, bound);
  }

  /**
   * A key for a custom attribute such as a {@code @SpanAttribute} parameter: the generated
   * constant when the name is a well-known key of this type, otherwise a pooled key. Never throws,
   * because generated code calls it from a static initializer: a name it cannot record (invalid,
   * or a well-known key of another type; the processor rejects both at compile time, so this
   * takes a semantic-conventions version that differs from the one compiled against) maps to
   * {@link #OVERFLOW}, with one warning per name.
   */
  public static SemconvKey attribute(String name, AttributeType type) {
    return GLOBAL.attributeKey(name, type);
  }

  SemconvKey attributeKey(String name, AttributeType type) {
    String problem =
        name == null || type == null ? "is null" : NameRules.attributeNameProblem(name);
    if (problem == null) {
      AttributeKey known = AttributeKey.forName(name);
      if (known == null) {
        return intern(name, type, null, MAX_KEYS);
      }
      if (known.type() == type) {
        return known;
      }
      problem = "is a semantic-convention key of type " + known.type() + ", not " + type;
    }
    if (dropReported.add(String.valueOf(name)) && dropReported.size() <= MAX_KEYS) {
      Warnings.warn("attribute '" + name + "' " + problem + "; its values are not recorded."
          + " Rename the @SpanAttribute or record a value of the key's type");
    }
    return OVERFLOW;
  }

  /** How many keys the pool holds now. */
  public static int size() {
    return GLOBAL.pool.size();
  }

  private SemconvKey intern(String name, AttributeType type, String headerName, int bound) {
    String id = type.name() + ' ' + name;
    PooledKey key = pool.get(id);
    if (key != null) {
      return key;
    }
    synchronized (pool) {
      key = pool.get(id);
      if (key != null) {
        return key;
      }
      if (pool.size() >= bound) {
        if (!overflowReported) {
          overflowReported = true;
          Warnings.warn("the key pool is full (" + MAX_KEYS + " uncommon attribute names);"
              + " '" + name + "' and every later new name are mapped to " + OVERFLOW
              + " and not exported. Configure fewer distinct header or attribute names.");
        }
        return OVERFLOW;
      }
      key = new PooledKey(name, type, headerName);
      pool.put(id, key);
      return key;
    }
  }

  static io.opentelemetry.api.common.AttributeKey<?> otelKey(String name, AttributeType type) {
    switch (type) {
      case STRING:
        return io.opentelemetry.api.common.AttributeKey.stringKey(name);
      case BOOLEAN:
        return io.opentelemetry.api.common.AttributeKey.booleanKey(name);
      case LONG:
        return io.opentelemetry.api.common.AttributeKey.longKey(name);
      case DOUBLE:
        return io.opentelemetry.api.common.AttributeKey.doubleKey(name);
      case STRING_ARRAY:
        return io.opentelemetry.api.common.AttributeKey.stringArrayKey(name);
      case BOOLEAN_ARRAY:
        return io.opentelemetry.api.common.AttributeKey.booleanArrayKey(name);
      case LONG_ARRAY:
        return io.opentelemetry.api.common.AttributeKey.longArrayKey(name);
      case DOUBLE_ARRAY:
        return io.opentelemetry.api.common.AttributeKey.doubleArrayKey(name);
      default:
        throw new IllegalArgumentException("attribute type " + type + " is not supported");
    }
  }
}
