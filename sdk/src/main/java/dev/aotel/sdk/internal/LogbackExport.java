package dev.aotel.sdk.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Logback events to the OpenTelemetry Logs SDK, with no {@code logback.xml} change: OpenTelemetry's
 * {@code OpenTelemetryAppender} added to the root logger (or, when the configuration already has
 * one, given the SDK), as the Spring Boot starter does.
 */
final class LogbackExport implements AutoCloseable {
  private final Logger root;
  private final OpenTelemetryAppender added;

  private LogbackExport(Logger root, OpenTelemetryAppender added) {
    this.root = root;
    this.added = added;
  }

  /** Null when SLF4J is not bound to Logback. */
  static LogbackExport install(OpenTelemetry openTelemetry) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return null;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OpenTelemetryAppender) {
        OpenTelemetryAppender.install(openTelemetry); // configured by the user: just feed it
        return new LogbackExport(root, null);
      }
    }
    OpenTelemetryAppender appender = new OpenTelemetryAppender();
    appender.setContext(context);
    appender.setName("aotel-opentelemetry");
    appender.setOpenTelemetry(openTelemetry);
    appender.start();
    root.addAppender(appender);
    return new LogbackExport(root, appender);
  }

  @Override
  public void close() {
    if (added != null) {
      root.detachAppender(added);
      added.stop();
    }
  }
}
