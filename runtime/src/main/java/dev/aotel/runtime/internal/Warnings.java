package dev.aotel.runtime.internal;

/**
 * Where the runtime reports configuration problems and instrument failures: standard error, one
 * line each, prefixed so they are easy to grep. Reads {@link System#err} on every call so a
 * redirected stream is honoured.
 */
final class Warnings {
  private Warnings() {}

  static void warn(String message) {
    System.err.println("[aotel] WARNING: " + message);
  }
}
