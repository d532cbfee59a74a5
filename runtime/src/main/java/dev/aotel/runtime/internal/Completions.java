package dev.aotel.runtime.internal;

import java.util.concurrent.CompletionStage;

/**
 * Ends operations whose result is a {@link CompletionStage}.
 *
 * <p>Internal: called by generated code only; may change without notice.
 */
public final class Completions {
  private Completions() {}

  /**
   * Ends the operation when the stage completes (recording its failure, unwrapped from {@code
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
        operation.error(Throwables.unwrap(failure));
      }
      operation.end();
    });
    return stage;
  }
}
