package dev.aotel.sdk.internal;

import org.slf4j.MDC;

/** SLF4J's MDC: Logback's, or whatever provider the application has. */
final class Slf4jMdc implements LogContext {
  /** Whether SLF4J has a provider with a real MDC (not the no-op one). */
  static boolean usable() {
    return !MDC.getMDCAdapter().getClass().getName().equals("org.slf4j.helpers.NOPMDCAdapter");
  }

  @Override
  public String get(String key) {
    return MDC.get(key);
  }

  @Override
  public void put(String key, String value) {
    MDC.put(key, value);
  }

  @Override
  public void remove(String key) {
    MDC.remove(key);
  }

  @Override
  public String toString() {
    return "SLF4J MDC";
  }
}
