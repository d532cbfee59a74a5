package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** One instrumentation scope's tracer: early spans until the SDK's tracer is there, then that. */
final class EarlyTracer implements Tracer {
  private final EarlyTracing tracing;
  final String scope;
  final String version;
  final String schemaUrl;
  private volatile Tracer sdk;

  EarlyTracer(EarlyTracing tracing, String scope, String version, String schemaUrl) {
    this.tracing = tracing;
    this.scope = scope;
    this.version = version;
    this.schemaUrl = schemaUrl;
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
