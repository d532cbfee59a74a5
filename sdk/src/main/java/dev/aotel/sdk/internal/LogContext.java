package dev.aotel.sdk.internal;

/**
 * A logging library's thread-bound context: SLF4J's MDC, Log4j's ThreadContext.
 *
 * <p>Internal: not API, may change without notice.
 */
interface LogContext {
  String get(String key);

  void put(String key, String value);

  void remove(String key);
}
