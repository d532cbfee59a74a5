package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** One instrumentation scope's tracer: early spans until the SDK's tracer is there, then that. */
final class EarlyTracer implements Tracer {
  private final EarlyTracing tracing;
  final Scope scope;
  private volatile Tracer sdk;

  EarlyTracer(EarlyTracing tracing, Scope scope) {
    this.tracing = tracing;
    this.scope = scope;
  }

  @Override
  public SpanBuilder spanBuilder(String spanName) {
    Tracer ready = sdk;
    return ready != null ? ready.spanBuilder(spanName) : new EarlySpanBuilder(this, spanName);
  }

  EarlyTracing tracing() {
    return tracing;
  }

  /** The SDK's tracer for this scope, or null before it is built. */
  Tracer sdk() {
    return sdk;
  }

  void sdk(Tracer tracer) {
    sdk = tracer;
  }
}
