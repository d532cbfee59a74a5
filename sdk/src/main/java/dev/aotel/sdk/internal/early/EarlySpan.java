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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A recording span started before the SDK existed: it carries its final ids (so it propagates and
 * correlates logs like any span) and keeps what is done to it, to be done again on the SDK's span
 * when it is replayed. Calls after {@code end()} are ignored, as the SDK ignores them.
 *
 * <p>It keeps no more than the SDK's span would: the last value of each attribute, within the
 * attribute count limit (start attributes included), the first events up to the event count
 * limit, the status as the SDK would hold it (an OK is final) and the last name. A span that lives
 * long and is changed in a loop during start-up therefore stays as small as the SDK's. What the
 * limits drop here is not counted in the replayed span's dropped counts.
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
  /** Set after start, last value per key, in the order first set. Guarded by this, as below. */
  private final Map<AttributeKey<?>, Object> attributes = new LinkedHashMap<>();
  private final List<Event> events = new ArrayList<>();
  private StatusCode status;
  private String description;
  private String newName;
  private long endEpochNanos;
  private boolean ended;

  private record Event(String name, Attributes attributes, long epochNanos) {}

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
  public synchronized <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (ended || key == null || key.getKey().isEmpty() || value == null) {
      return this;
    }
    if (attributes.containsKey(key) || startAttributes.get(key) != null
        || startAttributes.size() + attributes.size() < tracer.tracing().attributeLimit()) {
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public Span addEvent(String eventName, Attributes attributes) {
    return addEvent(eventName, attributes, Clock.getDefault().now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized Span addEvent(String eventName, Attributes eventAttributes, long timestamp,
      TimeUnit unit) {
    if (!ended && eventName != null && unit != null
        && events.size() < tracer.tracing().eventLimit()) {
      events.add(new Event(eventName,
          eventAttributes == null ? Attributes.empty() : eventAttributes,
          unit.toNanos(timestamp)));
    }
    return this;
  }

  @Override
  public synchronized Span setStatus(StatusCode statusCode, String statusDescription) {
    if (!ended && statusCode != null && status != StatusCode.OK) {
      status = statusCode;
      description = statusDescription;
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
  public synchronized Span updateName(String name) {
    if (!ended && name != null) {
      newName = name;
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

  /** How many changes it holds for the replay: bounded by the limits, however often changed. */
  synchronized int held() {
    return attributes.size() + events.size() + (status != null ? 1 : 0)
        + (newName != null ? 1 : 0);
  }

  /** Does again on the SDK's span what was done to this one, and ends it at the same time. */
  @SuppressWarnings("unchecked")
  void replayOnto(Span span) {
    List<Map.Entry<AttributeKey<?>, Object>> set;
    List<Event> added;
    StatusCode replayedStatus;
    String replayedDescription;
    String replayedName;
    long end;
    synchronized (this) {
      set = List.copyOf(attributes.entrySet());
      added = List.copyOf(events);
      replayedStatus = status;
      replayedDescription = description;
      replayedName = newName;
      end = endEpochNanos;
    }
    if (replayedName != null) {
      span.updateName(replayedName);
    }
    for (Map.Entry<AttributeKey<?>, Object> attribute : set) {
      span.setAttribute((AttributeKey<Object>) attribute.getKey(), attribute.getValue());
    }
    for (Event event : added) {
      span.addEvent(event.name(), event.attributes(), event.epochNanos(), TimeUnit.NANOSECONDS);
    }
    if (replayedStatus != null) {
      span.setStatus(replayedStatus, replayedDescription);
    }
    span.end(end, TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "EarlySpan{" + name + ", " + context + "}";
  }
}
