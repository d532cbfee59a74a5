package dev.aotel.sdk.internal.early;

import dev.aotel.sdk.internal.ExceptionAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.LinkData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A recording span started before the SDK existed: it carries its final ids (so it propagates and
 * correlates logs like any span) and keeps what is done to it, in order, to be done again on the
 * SDK's span when it is replayed. Calls after {@code end()} are ignored, as the SDK ignores them.
 */
final class EarlySpan implements Span {
  final EarlyTracer tracer;
  final String name;
  final SpanKind kind;
  final SpanContext parent;
  private final SpanContext context;
  final Attributes startAttributes;
  final List<LinkData> links;
  final long startEpochNanos;
  /** What was done after start, in order; replayed on the SDK's span. */
  private final List<Consumer<Span>> changes = new ArrayList<>();
  private long endEpochNanos;
  private boolean ended;

  EarlySpan(EarlyTracer tracer, String name, SpanKind kind, SpanContext parent,
      SpanContext context, Attributes startAttributes, List<LinkData> links,
      long startEpochNanos) {
    this.tracer = tracer;
    this.name = name;
    this.kind = kind;
    this.parent = parent;
    this.context = context;
    this.startAttributes = startAttributes;
    this.links = links;
    this.startEpochNanos = startEpochNanos;
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (key != null && !key.getKey().isEmpty() && value != null) {
      change(span -> span.setAttribute(key, value));
    }
    return this;
  }

  @Override
  public Span addEvent(String eventName, Attributes attributes) {
    return addEvent(eventName, attributes, Clock.getDefault().now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public Span addEvent(String eventName, Attributes attributes, long timestamp, TimeUnit unit) {
    if (eventName != null && unit != null) {
      Attributes eventAttributes = attributes == null ? Attributes.empty() : attributes;
      change(span -> span.addEvent(eventName, eventAttributes, timestamp, unit));
    }
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (statusCode != null) {
      change(span -> span.setStatus(statusCode, description));
    }
    return this;
  }

  /**
   * The SDK's {@code exception} event (type, message, stack trace, as its default resolver writes
   * them), made now: an event added at replay time would carry the wrong timestamp.
   */
  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    if (exception == null) {
      return this;
    }
    return addEvent("exception", ExceptionAttributes.event(exception, additionalAttributes));
  }

  @Override
  public Span updateName(String newName) {
    if (newName != null) {
      change(span -> span.updateName(newName));
    }
    return this;
  }

  @Override
  public void end() {
    end(Clock.getDefault().now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      endEpochNanos = unit == null || timestamp == 0 ? Clock.getDefault().now()
          : unit.toNanos(timestamp);
    }
    tracer.tracing().ended(this);
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public synchronized boolean isRecording() {
    return !ended;
  }

  private synchronized void change(Consumer<Span> change) {
    if (!ended) {
      changes.add(change);
    }
  }

  /** Does again on the SDK's span what was done to this one, and ends it at the same time. */
  void replayOnto(Span span) {
    List<Consumer<Span>> done;
    long end;
    synchronized (this) {
      done = List.copyOf(changes);
      end = endEpochNanos;
    }
    done.forEach(change -> change.accept(span));
    span.end(end, TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "EarlySpan{" + name + ", " + context + "}";
  }
}
