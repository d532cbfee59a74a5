package dev.aotel.sdk.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The {@code exception.*} keys, typed, from the generated semantic-convention keys, and the stack
 * trace as the SDK writes it. Shared by the Log4j bridge and the early spans.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class ExceptionAttributes {
  public static final AttributeKey<String> TYPE =
      string(dev.aotel.runtime.AttributeKey.EXCEPTION_TYPE);
  public static final AttributeKey<String> MESSAGE =
      string(dev.aotel.runtime.AttributeKey.EXCEPTION_MESSAGE);
  public static final AttributeKey<String> STACKTRACE =
      string(dev.aotel.runtime.AttributeKey.EXCEPTION_STACKTRACE);

  private ExceptionAttributes() {}

  /**
   * The SDK's {@code exception} event attributes, as its default resolver writes them: type,
   * message (when there is one), stack trace, then {@code additional} (may be null).
   */
  public static Attributes event(Throwable exception, Attributes additional) {
    AttributesBuilder event = Attributes.builder()
        .put(TYPE, exception.getClass().getCanonicalName());
    if (exception.getMessage() != null) {
      event.put(MESSAGE, exception.getMessage());
    }
    event.put(STACKTRACE, stackTrace(exception));
    if (additional != null) {
      event.putAll(additional);
    }
    return event.build();
  }

  /** The throwable's {@code printStackTrace} text. */
  public static String stackTrace(Throwable thrown) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<String> string(dev.aotel.runtime.AttributeKey key) {
    return (AttributeKey<String>) key.otelKey();
  }
}
