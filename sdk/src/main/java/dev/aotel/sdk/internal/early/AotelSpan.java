package dev.aotel.sdk.internal.early;

import dev.aotel.sdk.internal.ExceptionAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A recording span of aotel's own scope, handed to the configured span processors as the SDK's
 * spans are, and its own {@link SpanData} once ended (nothing changes an ended span, so the batch
 * processor's {@code toSpanData()} copies nothing). Follows {@code SdkSpan}: null and empty keys,
 * null values and names are ignored; calls after the end are ignored; an OK status is final; the
 * default span limits (128 attributes, events and links, 128 attributes per event and link)
 * bound what it keeps and the dropped counts say what was not kept. Used only with the default
 * limits (see {@link EarlyStart}).
 */
final class AotelSpan implements ReadWriteSpan, SpanData {
  static final SpanLimits LIMITS = SpanLimits.getDefault();
  private static final String EXCEPTION_EVENT = "exception";

  private final AotelTracerProvider tracing;
  private final SpanContext context;
  private final SpanContext parent;
  private final SpanKind kind;
  private final long startEpochNanos;
  /** Guarded by this, as is everything below. */
  private final SpanAttributes attributes;
  /** Null while there are none: most spans have none, and allocate nothing for them. */
  private List<LinkData> links;
  private int totalLinks;
  private List<EventData> events;
  private int totalEvents;
  private String name;
  private StatusData status = StatusData.unset();
  private long endEpochNanos;
  private boolean ended;
  /** Ended, or a copy made by {@link #toSpanData()} before the end: nothing changes it. */
  private boolean closed;

  AotelSpan(AotelTracerProvider tracing, SpanContext context, SpanContext parent, String name,
      SpanKind kind, long startEpochNanos, SpanAttributes attributes, List<LinkData> links,
      int totalLinks) {
    this.tracing = tracing;
    this.context = context;
    this.parent = parent;
    this.name = name;
    this.kind = kind;
    this.startEpochNanos = startEpochNanos;
    this.attributes = attributes;
    this.links = links;
    this.totalLinks = totalLinks;
  }

  @Override
  public synchronized <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (!closed) {
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public Span addEvent(String eventName, Attributes eventAttributes) {
    return addEvent(eventName, eventAttributes, Clock.getDefault().now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public Span addEvent(String eventName, Attributes eventAttributes, long timestamp,
      TimeUnit unit) {
    if (eventName == null || unit == null) {
      return this;
    }
    Attributes kept = eventAttributes == null ? Attributes.empty() : eventAttributes;
    EventData event = EventData.create(unit.toNanos(timestamp), eventName,
        limited(kept, LIMITS.getMaxNumberOfAttributesPerEvent()), kept.size());
    synchronized (this) {
      if (closed) {
        return this;
      }
      if (events == null) {
        events = new ArrayList<>();
      }
      if (events.size() < LIMITS.getMaxNumberOfEvents()) {
        events.add(event);
      }
      totalEvents++;
    }
    return this;
  }

  @Override
  public Span addLink(SpanContext spanContext, Attributes linkAttributes) {
    if (spanContext == null || !spanContext.isValid()) {
      return this;
    }
    Attributes kept = linkAttributes == null ? Attributes.empty() : linkAttributes;
    LinkData link = LinkData.create(spanContext, // counted as kept, as the SDK's span does
        limited(kept, LIMITS.getMaxNumberOfAttributesPerLink()));
    synchronized (this) {
      if (!closed) {
        if (links == null) {
          links = new ArrayList<>();
        }
        if (links.size() < LIMITS.getMaxNumberOfLinks()) {
          links.add(link);
        }
        totalLinks++;
      }
    }
    return this;
  }

  /** The first {@code limit} of {@code attributes}, in their order, as the SDK keeps them. */
  static Attributes limited(Attributes attributes, int limit) {
    if (attributes.size() <= limit) {
      return attributes;
    }
    AttributesBuilder kept = Attributes.builder();
    int[] left = {limit};
    attributes.forEach((key, value) -> {
      if (left[0]-- > 0) {
        put(kept, key, value);
      }
    });
    return kept.build();
  }

  @SuppressWarnings("unchecked")
  private static void put(AttributesBuilder builder, AttributeKey<?> key, Object value) {
    builder.put((AttributeKey<Object>) key, value);
  }

  @Override
  public synchronized Span setStatus(StatusCode statusCode, String description) {
    // As the SDK's span: UNSET is ignored, an OK is final, only an ERROR keeps a description.
    if (statusCode != null && statusCode != StatusCode.UNSET && !closed
        && status.getStatusCode() != StatusCode.OK) {
      status = StatusData.create(statusCode,
          statusCode == StatusCode.ERROR ? description : null);
    }
    return this;
  }

  /** The SDK's {@code exception} event: type, message and stack trace, then the extra ones. */
  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    if (exception == null) {
      return this;
    }
    return addEvent(EXCEPTION_EVENT, ExceptionAttributes.event(exception, additionalAttributes));
  }

  @Override
  public synchronized Span updateName(String newName) {
    if (newName != null && !closed) {
      name = newName;
    }
    return this;
  }

  @Override
  public void end() {
    end(0, TimeUnit.NANOSECONDS);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    synchronized (this) {
      if (closed) {
        return;
      }
      endEpochNanos = timestamp == 0 || unit == null ? Clock.getDefault().now()
          : unit.toNanos(timestamp);
      ended = true;
      closed = true;
    }
    tracing.ended(this);
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public synchronized boolean isRecording() {
    return !closed;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parent;
  }

  @Override
  public synchronized String getName() {
    return name;
  }

  /** Itself once ended (nothing changes it any more); before that, a copy of what it holds. */
  @Override
  public synchronized SpanData toSpanData() {
    if (closed) {
      return this;
    }
    AotelSpan copy = new AotelSpan(tracing, context, parent, name, kind, startEpochNanos,
        attributes.copy(), links == null ? null : new ArrayList<>(links), totalLinks);
    copy.events = events == null ? null : new ArrayList<>(events);
    copy.totalEvents = totalEvents;
    copy.status = status;
    copy.closed = true;
    return copy;
  }

  @Override
  @Deprecated
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return AotelTracerProvider.LIBRARY;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return AotelTracerProvider.SCOPE;
  }

  @Override
  public synchronized boolean hasEnded() {
    return ended;
  }

  @Override
  public synchronized long getLatencyNanos() {
    return (ended ? endEpochNanos : Clock.getDefault().now()) - startEpochNanos;
  }

  @Override
  public SpanKind getKind() {
    return kind;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <T> T getAttribute(AttributeKey<T> key) {
    return (T) attributes.get(key);
  }

  /** A view once nothing changes it any more; before that, a copy. */
  @Override
  public synchronized Attributes getAttributes() {
    return closed ? attributes.view() : attributes.snapshot();
  }

  @Override
  public synchronized StatusData getStatus() {
    return status;
  }

  @Override
  public long getStartEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public synchronized List<EventData> getEvents() {
    return events == null ? List.of() : List.copyOf(events);
  }

  @Override
  public synchronized List<LinkData> getLinks() {
    return links == null ? List.of() : List.copyOf(links);
  }

  @Override
  public synchronized long getEndEpochNanos() {
    return endEpochNanos;
  }

  @Override
  public synchronized int getTotalRecordedEvents() {
    return totalEvents;
  }

  @Override
  public synchronized int getTotalRecordedLinks() {
    return totalLinks;
  }

  @Override
  public synchronized int getTotalAttributeCount() {
    return attributes.total();
  }

  @Override
  public Resource getResource() {
    return tracing.resource();
  }

  @Override
  public String toString() {
    return "AotelSpan{name=" + getName() + ", context=" + context + ", parent=" + parent
        + ", kind=" + kind + ", attributes=" + getAttributes() + ", status=" + getStatus()
        + ", ended=" + hasEnded() + "}";
  }
}
