package dev.aotel.sdk.internal.early;

import dev.aotel.runtime.internal.Warnings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tracing while the SDK is being built on another thread. Spans start at once, with the ids and
 * sampling decision the SDK would give them; those that end before the SDK is there wait in a
 * bounded buffer, and all of them are replayed into the SDK's tracer once it is (same ids, times,
 * attributes, events and status; every span processor, the batch processor and any other, sees
 * them as it sees any span). Those ending later are replayed as they end. What does not fit the
 * buffer is counted and reported once.
 */
final class EarlyTracing implements TracerProvider {
  /** The built-in sampler's name and ratio, made into the SDK's sampler when first needed. */
  private final String samplerName;
  private final double ratio;
  private volatile Sampler sampler;
  private final ReplayIdGenerator ids = new ReplayIdGenerator();
  /** Guarded by this. */
  private final Map<Scope, EarlyTracer> tracers = new HashMap<>();
  /** Spans ended before the SDK was built. */
  private final Pending<EarlySpan> ended;
  /** The SDK's tracers once built; null before, and after a failed build. Guarded by this. */
  private TracerProvider sdkTracers;
  private volatile boolean failed;
  private boolean mismatchReported;
  private final int attributeLimit;
  private final int eventLimit;

  EarlyTracing(String samplerName, double ratio, int capacity, int attributeLimit,
      int eventLimit) {
    if (attributeLimit < 0 || eventLimit < 0) {
      throw new IllegalArgumentException("span count limits must be 0 or more, were "
          + attributeLimit + " attributes and " + eventLimit + " events");
    }
    this.samplerName = samplerName;
    this.ratio = ratio;
    this.ended = new Pending<>(capacity);
    this.attributeLimit = attributeLimit;
    this.eventLimit = eventLimit;
  }

  /** The SDK's span attribute count limit, as configured: early spans keep no more. */
  int attributeLimit() {
    return attributeLimit;
  }

  /** The SDK's span event count limit, as configured. */
  int eventLimit() {
    return eventLimit;
  }

  @Override
  public Tracer get(String scope) {
    return get(scope, null);
  }

  @Override
  public TracerBuilder tracerBuilder(String scope) {
    return new TracerBuilder() {
      private String version;
      private String schemaUrl;

      @Override
      public TracerBuilder setSchemaUrl(String url) {
        schemaUrl = url;
        return this;
      }

      @Override
      public TracerBuilder setInstrumentationVersion(String instrumentationVersion) {
        version = instrumentationVersion;
        return this;
      }

      @Override
      public Tracer build() {
        return tracer(new Scope(scope, version, schemaUrl));
      }
    };
  }

  @Override
  public Tracer get(String scope, String version) {
    return tracer(new Scope(scope, version, null));
  }

  private synchronized Tracer tracer(Scope scope) {
    EarlyTracer tracer = tracers.get(scope);
    if (tracer == null) {
      tracer = new EarlyTracer(this, scope);
      if (sdkTracers != null) { // asked for after the fact: nothing early about it
        tracer.sdk(scope.tracer(sdkTracers));
      } else if (failed) {
        tracer.sdk(TracerProvider.noop().get(scope.name()));
      }
      tracers.put(scope, tracer);
    }
    return tracer;
  }

  /** The ids of early spans, and the id generator the SDK must use so replays keep them. */
  ReplayIdGenerator ids() {
    return ids;
  }

  Sampler sampler() {
    Sampler made = sampler;
    if (made == null) {
      synchronized (this) {
        made = sampler;
        if (made == null) {
          sampler = made = EarlyStart.builtInSampler(samplerName, ratio);
        }
      }
    }
    return made;
  }

  /**
   * The SDK is built: every tracer hands out the SDK's spans from now on, and the early spans are
   * replayed into it.
   *
   * @return how many ended spans did not fit the buffer and were dropped
   */
  long ready(TracerProvider sdk) {
    synchronized (this) {
      sdkTracers = sdk;
      for (EarlyTracer tracer : tracers.values()) {
        tracer.sdk(tracer.scope.tracer(sdk));
      }
    }
    // One by one, guarded: a span processor that throws on one span (the SDK passes that on)
    // must not cost the others, nor the metrics and log records handed over after the spans.
    int failed = 0;
    RuntimeException first = null;
    for (EarlySpan span : ended.handOver()) {
      try {
        replay(span);
      } catch (RuntimeException e) {
        failed++;
        first = first == null ? e : first;
      }
    }
    if (failed > 0) {
      Warnings.warn(failed + " spans started before the SDK was built could not be handed to it:"
          + " a span processor threw " + first);
    }
    return ended.dropped();
  }

  /** The SDK could not be built: early spans are dropped, and later ones are no-ops. */
  void failed() {
    synchronized (this) {
      failed = true;
      for (EarlyTracer tracer : tracers.values()) {
        tracer.sdk(TracerProvider.noop().get(tracer.scope.name()));
      }
    }
    ended.handOver();
  }

  /** An early span ended: held until the SDK is built, or replayed at once if it is. */
  void ended(EarlySpan span) {
    if (!ended.keep(span) && !failed) {
      replay(span);
    }
  }

  private void replay(EarlySpan early) {
    Tracer sdk = early.tracer.sdk();
    SpanBuilder builder = sdkBuilder(sdk, early.name, early.kind, early.startAttributes,
        early.links, early.startEpochNanos);
    if (early.parent.isValid()) {
      builder.setParent(Context.root().with(Span.wrap(early.parent)));
    } else {
      builder.setNoParent();
    }
    SpanContext expected = early.getSpanContext();
    Span span;
    synchronized (ids) {
      span = ids.withIds(expected.getTraceId(), expected.getSpanId(), builder::startSpan);
    }
    SpanContext replayed = span.getSpanContext();
    if (!replayed.getSpanId().equals(expected.getSpanId())
        || replayed.isSampled() != expected.isSampled()) {
      reportMismatch(expected, replayed);
    }
    early.replayOnto(span);
  }

  private synchronized void reportMismatch(SpanContext expected, SpanContext replayed) {
    if (!mismatchReported) {
      mismatchReported = true;
      Warnings.warn("a span started before the SDK was built came out of the SDK as " + replayed
          + " instead of " + expected + ": the configured sampler or id generator decided"
          + " differently; set AOTEL_START_IN_BACKGROUND=false to build the SDK in start()");
    }
  }

  /** A span builder of the SDK's with what an early span was started with. */
  static SpanBuilder sdkBuilder(Tracer sdk, String name, SpanKind kind, Attributes attributes,
      List<LinkData> links, long startEpochNanos) {
    SpanBuilder builder = sdk.spanBuilder(name).setSpanKind(kind).setAllAttributes(attributes);
    if (startEpochNanos != 0) {
      builder.setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS);
    }
    for (LinkData link : links) {
      builder.addLink(link.getSpanContext(), link.getAttributes());
    }
    return builder;
  }
}
