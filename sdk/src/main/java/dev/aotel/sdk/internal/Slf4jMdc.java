package dev.aotel.sdk.internal;

import org.slf4j.MDC;

/**
 * SLF4J's MDC: Logback's, or whatever provider the application has. SLF4J is first touched at
 * the first operation, not when aotel starts: finding the provider initializes the logging
 * backend (Logback reads its configuration), which the application pays for when it first logs
 * anyway, and which should not count against aotel's start-up.
 */
final class Slf4jMdc implements LogContext {
  /** Whether SLF4J has a provider with a real MDC (not the no-op one); decided on first use. */
  private static final class Provider {
    static final boolean USABLE = !MDC.getMDCAdapter().getClass().getName()
        .equals("org.slf4j.helpers.NOPMDCAdapter");
  }

  @Override
  public String get(String key) {
    return Provider.USABLE ? MDC.get(key) : null;
  }

  @Override
  public void put(String key, String value) {
    if (Provider.USABLE) {
      MDC.put(key, value);
    }
  }

  @Override
  public void remove(String key) {
    if (Provider.USABLE) {
      MDC.remove(key);
    }
  }

  @Override
  public String toString() {
    return "SLF4J MDC";
  }
}
