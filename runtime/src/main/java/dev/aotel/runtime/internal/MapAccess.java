package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.SemconvKey;

/**
 * The runtime's write access to an {@link AttributeMap} that instruments see read-only. {@code
 * AttributeMap} installs the one instance when it is initialised; only this package can call it.
 *
 * <p>Internal: not API, may change without notice.
 */
public abstract class MapAccess {
  private static MapAccess instance;

  /** Called once, by {@code AttributeMap}. */
  public static synchronized void install(MapAccess access) {
    if (instance != null) {
      throw new IllegalStateException("MapAccess is installed by AttributeMap only");
    }
    instance = access;
  }

  /** The instance; {@code AttributeMap} is initialised by the time a map reaches the runtime. */
  static MapAccess get() {
    return instance;
  }

  /** Sets or (null) removes a value without checks, sealed or not: the runtime's own writes. */
  static void write(AttributeMap map, SemconvKey key, Object value) {
    instance.put(map, key, value);
  }

  /** Sets or (null) removes a value, sealed or not. */
  protected abstract void put(AttributeMap map, SemconvKey key, Object value);

  /** Makes {@link AttributeMap#set} throw from now on. */
  protected abstract void seal(AttributeMap map);

  /**
   * Records when the operation started, and how many {@code instruments} it has: the first state
   * stored gets room for all of theirs, so that the second does not copy the first.
   */
  protected abstract void started(AttributeMap map, long epochNanos, long nanoTime,
      int instruments);

  /** Records when the operation ended; the map then knows its duration. */
  protected abstract void ended(AttributeMap map, long nanoTime);
}
