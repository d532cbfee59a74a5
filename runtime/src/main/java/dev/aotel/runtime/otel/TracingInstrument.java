package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The span lifecycle the tracing instruments share: a span per operation, kept with its context
 * in the operation's state slot, current while the call runs, ended exactly once. Start and end
 * times are the operation's, so spans and duration metrics agree to the nanosecond.
 */
abstract class TracingInstrument implements Instrument {
  private static final io.opentelemetry.api.common.AttributeKey<String> ERROR_TYPE =
      io.opentelemetry.api.common.AttributeKey.stringKey(AttributeKey.ERROR_TYPE.semconvName());

  final Tracer tracer;
  final OpenTelemetry openTelemetry;

  TracingInstrument(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    this.tracer = openTelemetry.getTracer(AotelScope.NAME);
  }

  /** The parent of the new span: the current context, unless the kind extracts one. */
  Context parent(AttributeMap attributes) {
    return Context.current();
  }

  abstract SpanKind spanKind();

  abstract String spanName(AttributeMap attributes);

  /** Start attributes (sampling sees them). */
  abstract void startAttributes(SpanBuilder span, AttributeMap attributes);

  /** End attributes; {@code error.type} and the status are set after them. */
  abstract void endAttributes(Span span, AttributeMap attributes);

  @Override
  public void onOperationStart(AttributeMap attributes) {
    Context parent = parent(attributes);
    SpanBuilder builder = tracer.spanBuilder(spanName(attributes))
        .setSpanKind(spanKind())
        .setParent(parent)
        .setStartTimestamp(attributes.startEpochNanos(), TimeUnit.NANOSECONDS);
    startAttributes(builder, attributes);
    attributes.setState(this, parent.with(builder.startSpan()));
  }

  @Override
  public Scope makeCurrent(AttributeMap attributes) {
    Context context = context(attributes);
    return context == null ? null : context.makeCurrent();
  }

  @Override
  public void onOperationError(AttributeMap attributes, Throwable error) {
    Context context = context(attributes);
    if (context != null) {
      Span.fromContext(context).recordException(error);
    }
  }

  @Override
  public void onOperationEnd(AttributeMap attributes) {
    Context context = context(attributes);
    if (context == null) {
      return;
    }
    attributes.setState(this, null); // ended: nothing of this span outlives the operation
    Span span = Span.fromContext(context);
    endAttributes(span, attributes);
    String errorType = attributes.getString(AttributeKey.ERROR_TYPE);
    if (errorType != null) {
      span.setAttribute(ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR);
    }
    span.end(attributes.startEpochNanos() + Math.max(attributes.durationNanos(), 0),
        TimeUnit.NANOSECONDS);
  }

  /** The context holding this operation's span, or null before start or after end. */
  final Context context(AttributeMap attributes) {
    Object state = attributes.state(this);
    return state instanceof Context context ? context : null;
  }
}
