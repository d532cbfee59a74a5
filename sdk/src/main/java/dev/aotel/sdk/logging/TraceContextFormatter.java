package dev.aotel.sdk.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * A {@code java.util.logging} formatter that ends each line with the current span's ids: {@code
 * trace_id=<32 hex> span_id=<16 hex> trace_flags=<2 hex>}. JUL has no MDC, so the ids are read
 * when the record is formatted: use it with handlers that format on the logging thread ({@code
 * ConsoleHandler}, {@code FileHandler}, {@code StreamHandler}). Outside a span the line is the
 * wrapped formatter's, unchanged.
 *
 * <p>In {@code logging.properties}:
 *
 * <pre>
 * java.util.logging.ConsoleHandler.formatter = dev.aotel.sdk.logging.TraceContextFormatter
 * </pre>
 */
public final class TraceContextFormatter extends Formatter {
  private final Formatter delegate;

  /** Lines as {@link SimpleFormatter} writes them, plus the ids. */
  public TraceContextFormatter() {
    this(new SimpleFormatter());
  }

  /** Lines as {@code delegate} writes them, plus the ids. */
  public TraceContextFormatter(Formatter delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String format(LogRecord record) {
    String formatted = delegate.format(record);
    SpanContext span = Span.current().getSpanContext();
    if (!span.isValid()) {
      return formatted;
    }
    int end = formatted.length();
    while (end > 0 && (formatted.charAt(end - 1) == '\n' || formatted.charAt(end - 1) == '\r')) {
      end--;
    }
    return formatted.substring(0, end) + " trace_id=" + span.getTraceId() + " span_id="
        + span.getSpanId() + " trace_flags=" + span.getTraceFlags().asHex()
        + formatted.substring(end);
  }
}
