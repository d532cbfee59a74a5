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
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A recording span started before the SDK existed: it carries its final ids (so it propagates and
 * correlates logs like any span) and keeps what is done to it, to be done again on the SDK's span
 * when it is replayed. Calls after {@code end()} are ignored, as the SDK ignores them.
 *
 * <p>It keeps no more than the SDK's span would: the last value of each attribute, within the
 * attribute count limit (start attributes included), the first events up to the event count
 * limit, the status as the SDK would hold it (an OK is final) and the last name. A span that lives
 * long and is changed in a loop during start-up therefore stays as small as the SDK's; what the
 * limits refuse is counted, and the replayed span's dropped counts are the SDK's own.
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
  /** The names of the start attributes: the SDK counts names, whatever their type. */
  private final Set<String> startNames;
  /**
   * Set after start: by name, the last key (type) and value, in the order first set, as the SDK's
   * attribute map holds them. Guarded by this, as is everything below.
   */
  private final Map<String, Attribute> attributes = new LinkedHashMap<>();
  /** How many of those names are not start attributes': they count toward the limit. */
  private int addedNames;
  /** A set the limit refused, and how many were: replayed so the SDK counts them as dropped. */
  private Attribute refusedAttribute;
  private int refusedAttributes;
  private final List<Event> events = new ArrayList<>();
  private Event refusedEvent;
  private int refusedEvents;
  private StatusCode status;
  private String description;
  private String newName;
  private long endEpochNanos;
  private boolean ended;

  private record Attribute(AttributeKey<?> key, Object value) {}

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
    Set<String> names = new HashSet<>();
    startAttributes.forEach((key, value) -> names.add(key.getKey()));
    this.startNames = names;
  }

  @Override
  public synchronized <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (ended || key == null || key.getKey().isEmpty() || value == null) {
      return this;
    }
    String attributeName = key.getKey();
    Attribute attribute = new Attribute(key, value);
    if (startNames.contains(attributeName) || attributes.containsKey(attributeName)) {
      attributes.put(attributeName, attribute); // in place: the SDK replaces key and value
    } else if (startNames.size() + addedNames < tracer.tracing().attributeLimit()) {
      attributes.put(attributeName, attribute);
      addedNames++;
    } else {
      refusedAttribute = attribute;
      refusedAttributes++;
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
    if (ended || eventName == null || unit == null) {
      return this;
    }
    Event event = new Event(eventName,
        eventAttributes == null ? Attributes.empty() : eventAttributes, unit.toNanos(timestamp));
    if (events.size() < tracer.tracing().eventLimit()) {
      events.add(event);
    } else {
      refusedEvent = event;
      refusedEvents++;
    }
    return this;
  }

  @Override
  public synchronized Span setStatus(StatusCode statusCode, String statusDescription) {
    // As the SDK's span: UNSET is ignored, an OK is final, only an ERROR keeps a description.
    if (!ended && statusCode != null && statusCode != StatusCode.UNSET
        && status != StatusCode.OK) {
      status = statusCode;
      description = statusCode == StatusCode.ERROR ? statusDescription : null;
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

  /**
   * Does again on the SDK's span what was done to this one, and ends it at the same time. The
   * sets and events the limits refused are replayed as often as they were refused, once the span
   * is full: the SDK drops and counts them, so the dropped counts are its own.
   */
  void replayOnto(Span span) {
    List<Attribute> set;
    Attribute refused;
    int refusedSets;
    List<Event> added;
    Event refusedEvent;
    int refusedAdds;
    StatusCode replayedStatus;
    String replayedDescription;
    String replayedName;
    long end;
    synchronized (this) {
      set = List.copyOf(attributes.values());
      refused = refusedAttribute;
      refusedSets = refusedAttributes;
      added = List.copyOf(events);
      refusedEvent = this.refusedEvent;
      refusedAdds = refusedEvents;
      replayedStatus = status;
      replayedDescription = description;
      replayedName = newName;
      end = endEpochNanos;
    }
    if (replayedName != null) {
      span.updateName(replayedName);
    }
    for (Attribute attribute : set) {
      set(span, attribute);
    }
    for (int i = 0; i < refusedSets; i++) {
      set(span, refused);
    }
    for (Event event : added) {
      add(span, event);
    }
    for (int i = 0; i < refusedAdds; i++) {
      add(span, refusedEvent);
    }
    if (replayedStatus != null) {
      span.setStatus(replayedStatus, replayedDescription);
    }
    span.end(end, TimeUnit.NANOSECONDS);
  }

  @SuppressWarnings("unchecked")
  private static void set(Span span, Attribute attribute) {
    span.setAttribute((AttributeKey<Object>) attribute.key(), attribute.value());
  }

  private static void add(Span span, Event event) {
    span.addEvent(event.name(), event.attributes(), event.epochNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public String toString() {
    return "EarlySpan{" + name + ", " + context + "}";
  }
}
