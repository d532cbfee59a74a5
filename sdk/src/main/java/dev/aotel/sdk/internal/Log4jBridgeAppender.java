package dev.aotel.sdk.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Log4j 2 events as OpenTelemetry log records, with the same mapping as OpenTelemetry's {@code
 * opentelemetry-log4j-appender-2.17}: the logger name as instrumentation scope, the formatted
 * message as body, the level as severity, the event's time, the current context (so the record
 * carries the trace and span ids) and {@code exception.*} attributes.
 *
 * <p>Why not that module: its appender's constructor needs {@code opentelemetry-api-incubator}
 * matching the SDK, and the 1.67 incubator is not on Maven Central as seen from here (1.65, the
 * newest, breaks SDK 1.67). Switch back once it resolves.
 */
final class Log4jBridgeAppender extends AbstractAppender {
  private final LoggerProvider loggers;

  Log4jBridgeAppender(String name, OpenTelemetry openTelemetry) {
    super(name, null, null, true, Property.EMPTY_ARRAY);
    this.loggers = openTelemetry.getLogsBridge();
  }

  @Override
  public void append(LogEvent event) {
    String loggerName = event.getLoggerName();
    LogRecordBuilder record = loggers.get(loggerName == null || loggerName.isEmpty()
            ? "ROOT" : loggerName)
        .logRecordBuilder()
        .setContext(Context.current())
        .setSeverity(severity(event.getLevel()))
        .setSeverityText(event.getLevel().name())
        .setTimestamp(event.getTimeMillis(), TimeUnit.MILLISECONDS);
    if (event.getMessage() != null) {
      record.setBody(event.getMessage().getFormattedMessage());
    }
    Throwable thrown = event.getThrown();
    if (thrown != null) {
      record.setAttribute(ExceptionAttributes.TYPE, thrown.getClass().getName());
      if (thrown.getMessage() != null) {
        record.setAttribute(ExceptionAttributes.MESSAGE, thrown.getMessage());
      }
      record.setAttribute(ExceptionAttributes.STACKTRACE, ExceptionAttributes.stackTrace(thrown));
    }
    record.emit();
  }

  private static Severity severity(Level level) {
    switch (level.getStandardLevel()) {
      case FATAL:
        return Severity.FATAL;
      case ERROR:
        return Severity.ERROR;
      case WARN:
        return Severity.WARN;
      case INFO:
        return Severity.INFO;
      case DEBUG:
        return Severity.DEBUG;
      case TRACE:
        return Severity.TRACE;
      default:
        return Severity.UNDEFINED_SEVERITY_NUMBER;
    }
  }
}
