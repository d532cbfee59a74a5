package dev.aotel.sdk.internal;

import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * Log correlation and export for the logging libraries the application has, found by class
 * presence: aotel brings none. SLF4J with a real MDC (Logback, or any provider), and Log4j 2
 * (log4j-core). java.util.logging has no MDC: see {@code dev.aotel.sdk.logging}.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class Logging {
  /** The MDC key settings, with OpenTelemetry's instrumentation names and defaults. */
  static final String TRACE_ID_KEY = "otel.instrumentation.common.logging.trace-id";
  static final String SPAN_ID_KEY = "otel.instrumentation.common.logging.span-id";
  static final String TRACE_FLAGS_KEY = "otel.instrumentation.common.logging.trace-flags";
  /**
   * The agent's switches for its MDC and Log4j context-data instrumentations, honoured so that a
   * service moved from the agent keeps them; both on by default, as there.
   */
  static final String LOGBACK_MDC_ENABLED = "otel.instrumentation.logback-mdc.enabled";
  static final String LOG4J_CONTEXT_DATA_ENABLED =
      "otel.instrumentation.log4j-context-data.enabled";

  private Logging() {}

  /** The scope-hook instruments that keep the ids in every thread context found, per kind. */
  public static List<Instrument> correlation(ConfigProperties config) {
    List<LogContext> contexts = new ArrayList<>();
    if (config.getBoolean(LOGBACK_MDC_ENABLED, true) && present("org.slf4j.MDC")) {
      contexts.add(new Slf4jMdc());
    }
    if (config.getBoolean(LOG4J_CONTEXT_DATA_ENABLED, true)
        && present("org.apache.logging.log4j.core.LoggerContext")) {
      contexts.add(new Log4jThreadContext());
    }
    String traceId = config.getString(TRACE_ID_KEY, "trace_id");
    String spanId = config.getString(SPAN_ID_KEY, "span_id");
    String traceFlags = config.getString(TRACE_FLAGS_KEY, "trace_flags");
    List<Instrument> instruments = new ArrayList<>();
    for (LogContext context : contexts) {
      for (InstrumentKind kind : List.of(InstrumentKind.HTTP_SERVER, InstrumentKind.HTTP_CLIENT,
          InstrumentKind.CUSTOM)) {
        instruments.add(new LogCorrelation(kind, context, traceId, spanId, traceFlags));
      }
    }
    return instruments;
  }

  /** Installs OpenTelemetry's appenders where the libraries are present; closing removes them. */
  public static List<AutoCloseable> export(OpenTelemetry openTelemetry) {
    List<AutoCloseable> installed = new ArrayList<>();
    if (present("ch.qos.logback.classic.LoggerContext") && present("org.slf4j.LoggerFactory")) {
      LogbackExport logback = LogbackExport.install(openTelemetry);
      if (logback != null) {
        installed.add(logback);
      }
    }
    if (present("org.apache.logging.log4j.core.LoggerContext")) {
      Log4jExport log4j = Log4jExport.install(openTelemetry);
      if (log4j != null) {
        installed.add(log4j);
      }
    }
    return installed;
  }

  /** Whether the application has this class; loads nothing of it. */
  private static boolean present(String className) {
    try {
      Class.forName(className, false, Logging.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
