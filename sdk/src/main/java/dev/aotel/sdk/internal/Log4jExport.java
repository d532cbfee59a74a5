package dev.aotel.sdk.internal;

import io.opentelemetry.api.OpenTelemetry;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;

/**
 * Log4j 2 events to the OpenTelemetry Logs SDK, with no configuration change: a {@link
 * Log4jBridgeAppender} added to the root logger of the current configuration.
 */
final class Log4jExport implements AutoCloseable {
  private static final String NAME = "aotel-opentelemetry";

  private final LoggerContext context;
  private final Log4jBridgeAppender appender;

  private Log4jExport(LoggerContext context, Log4jBridgeAppender appender) {
    this.context = context;
    this.appender = appender;
  }

  /** Null when the Log4j API is not bound to log4j-core. */
  static Log4jExport install(OpenTelemetry openTelemetry) {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return null;
    }
    Log4jBridgeAppender appender = new Log4jBridgeAppender(NAME, openTelemetry);
    appender.start();
    Configuration configuration = context.getConfiguration();
    configuration.addAppender(appender);
    configuration.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
    return new Log4jExport(context, appender);
  }

  @Override
  public void close() {
    Configuration configuration = context.getConfiguration();
    configuration.getRootLogger().removeAppender(NAME);
    context.updateLoggers();
    appender.stop();
  }
}
