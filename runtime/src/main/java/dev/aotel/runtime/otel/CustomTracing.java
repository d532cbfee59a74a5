package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;

/** INTERNAL spans for {@code @Traced} methods, with every attribute the operation recorded. */
public final class CustomTracing extends TracingInstrument {
  /** Spans through this OpenTelemetry instance. */
  public CustomTracing(OpenTelemetry openTelemetry) {
    super(openTelemetry);
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.CUSTOM;
  }

  @Override
  public String name() {
    return "otel-custom";
  }

  @Override
  SpanKind spanKind() {
    return SpanKind.INTERNAL;
  }

  @Override
  String spanName(AttributeMap attributes) {
    String name = attributes.operationName();
    if (name == null) {
      name = attributes.getString(AttributeKey.CODE_FUNCTION_NAME);
    }
    return name != null ? name : "operation";
  }

  @Override
  void startAttributes(SpanBuilder span, AttributeMap attributes) {
    attributes.forEach((key, value) -> {
      if (key.otelKey() != null) {
        span.setAttribute(otelKey(key), value);
      }
    });
  }

  @Override
  void endAttributes(Span span, AttributeMap attributes) {}

  @SuppressWarnings("unchecked")
  private static io.opentelemetry.api.common.AttributeKey<Object> otelKey(SemconvKey key) {
    return (io.opentelemetry.api.common.AttributeKey<Object>) key.otelKey();
  }
}
