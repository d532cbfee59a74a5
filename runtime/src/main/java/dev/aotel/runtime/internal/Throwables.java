package dev.aotel.runtime.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What asynchronous APIs wrap around the real failure. */
final class Throwables {
  private Throwables() {}

  /** The cause inside {@link CompletionException}s and {@link ExecutionException}s. */
  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
