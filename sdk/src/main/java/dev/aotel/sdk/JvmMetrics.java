package dev.aotel.sdk;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;

/**
 * The JVM runtime metrics ({@code jvm.memory.used}, {@code jvm.gc.duration}, {@code
 * jvm.thread.count}, {@code jvm.cpu.time}...), emitted by OpenTelemetry's own {@code
 * opentelemetry-runtime-telemetry} library through JMX, collected on the metric reader's interval.
 * A class of its own so that the library is not even loaded when metrics are off.
 */
final class JvmMetrics {
  private JvmMetrics() {}

  static AutoCloseable start(OpenTelemetry openTelemetry) {
    return RuntimeTelemetry.create(openTelemetry);
  }
}
