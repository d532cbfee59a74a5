package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.Objects;

/**
 * An instrumentation scope as an early tracer or logger was asked for; null parts unset. A class,
 * not a record: a record's first {@code hashCode} and {@code equals} bootstrap through {@code
 * ObjectMethods}, which spins some 50 method-handle classes, about 40 ms of {@code start()}.
 */
final class Scope {
  private final String name;
  private final String version;
  private final String schemaUrl;

  Scope(String name, String version, String schemaUrl) {
    this.name = name;
    this.version = version;
    this.schemaUrl = schemaUrl;
  }

  String name() {
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Scope that && Objects.equals(name, that.name)
        && Objects.equals(version, that.version) && Objects.equals(schemaUrl, that.schemaUrl);
  }

  @Override
  public int hashCode() {
    return (Objects.hashCode(name) * 31 + Objects.hashCode(version)) * 31
        + Objects.hashCode(schemaUrl);
  }

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
