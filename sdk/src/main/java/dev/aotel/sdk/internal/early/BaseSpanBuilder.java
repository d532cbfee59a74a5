package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * What the early and aotel span builders take alike, as {@code SdkSpanBuilder} takes it: null
 * contexts and kinds are ignored, as is a negative start time; the typed setters go through
 * {@link #setAttribute(AttributeKey, Object)}.
 */
abstract class BaseSpanBuilder implements SpanBuilder {
  final String name;
  SpanKind kind = SpanKind.INTERNAL;
  /** Null: the current context when started. */
  private Context parent;
  /** Zero: now, when started. */
  long startEpochNanos;

  BaseSpanBuilder(String name) {
    this.name = name;
  }

  /** The parent context given, or the current one. */
  final Context parentContext() {
    return parent == null ? Context.current() : parent;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    if (context != null) {
      parent = context;
    }
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    parent = Context.root();
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    return addLink(spanContext, Attributes.empty());
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return setAttribute(AttributeKey.stringKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return setAttribute(AttributeKey.longKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return setAttribute(AttributeKey.doubleKey(key), value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return setAttribute(AttributeKey.booleanKey(key), value);
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    if (spanKind != null) {
      kind = spanKind;
    }
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    if (startTimestamp >= 0 && unit != null) {
      startEpochNanos = unit.toNanos(startTimestamp);
    }
    return this;
  }
}
