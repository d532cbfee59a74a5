package dev.aotel.semconv;

/** A problem in the inputs that must stop the build; the message names the culprit and the fix. */
public final class GeneratorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GeneratorException(String message) {
    super(message);
  }

  GeneratorException(String message, Throwable cause) {
    super(message, cause);
  }
}
