package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;

/** An instrumentation scope as an early tracer or logger was asked for; null parts unset. */
record Scope(String name, String version, String schemaUrl) {
  /** The SDK's tracer for this scope. */
  Tracer tracer(TracerProvider tracers) {
    TracerBuilder builder = tracers.tracerBuilder(name);
    if (version != null) {
      builder.setInstrumentationVersion(version);
    }
    if (schemaUrl != null) {
      builder.setSchemaUrl(schemaUrl);
    }
    return builder.build();
  }

  /** The SDK's logger for this scope. */
  Logger logger(LoggerProvider loggers) {
    LoggerBuilder builder = loggers.loggerBuilder(name);
    if (version != null) {
      builder.setInstrumentationVersion(version);
    }
    if (schemaUrl != null) {
      builder.setSchemaUrl(schemaUrl);
    }
    return builder.build();
  }
}
