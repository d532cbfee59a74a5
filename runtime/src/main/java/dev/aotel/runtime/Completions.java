package dev.aotel.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Ends operations whose result is a {@link CompletionStage}. Used by generated wrappers. */
public final class Completions {
  private Completions() {}

  /**
   * Ends the operation when the stage completes (recording its failure, unwrapped from {@link
   * CompletionException}) and returns the same stage, so the caller sees exactly what the
   * delegate returned. A null stage ends the operation at once.
   */
  public static <S extends CompletionStage<?>> S endOnCompletion(Operation operation, S stage) {
    if (stage == null) {
      operation.end();
      return null;
    }
    stage.whenComplete((value, failure) -> {
      if (failure != null) {
        operation.error(unwrap(failure));
      }
      operation.end();
    });
    return stage;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
