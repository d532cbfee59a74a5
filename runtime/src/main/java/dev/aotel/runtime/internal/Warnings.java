package dev.aotel.runtime.internal;

/**
 * Where aotel reports configuration problems and instrument failures: standard error, one line
 * each, prefixed so they are easy to grep. Reads {@link System#err} on every call so a redirected
 * stream is honoured.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class Warnings {
  private Warnings() {}

  /** Prints one warning line. */
  public static void warn(String message) {
    System.err.println("[aotel] WARNING: " + message);
  }
}
