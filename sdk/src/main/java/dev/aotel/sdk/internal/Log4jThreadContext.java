package dev.aotel.sdk.internal;

import org.apache.logging.log4j.ThreadContext;

/** Log4j 2's ThreadContext, which {@code %X{key}} in a {@code PatternLayout} reads. */
final class Log4jThreadContext implements LogContext {
  @Override
  public String get(String key) {
    return ThreadContext.get(key);
  }

  @Override
  public void put(String key, String value) {
    ThreadContext.put(key, value);
  }

  @Override
  public void remove(String key) {
    ThreadContext.remove(key);
  }

  @Override
  public String toString() {
    return "Log4j ThreadContext";
  }
}
