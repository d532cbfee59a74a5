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
import java.util.ArrayList;
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
  private final int capacity;
  /** Guarded by this. */
  private final Map<String, EarlyTracer> tracers = new HashMap<>();
  /** Spans ended before the SDK was built; null once it is (or failed). Guarded by this. */
  private List<EarlySpan> ended = new ArrayList<>();
  private int dropped;
  /** Set once the SDK is built, or failed to be; guarded by this. */
  private boolean done;
  /** The SDK's tracers once built; null before, and after a failed build. Guarded by this. */
  private TracerProvider sdkTracers;
  private boolean mismatchReported;

  EarlyTracing(String samplerName, double ratio, int capacity) {
    this.samplerName = samplerName;
    this.ratio = ratio;
    this.capacity = capacity;
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
        return tracer(scope, version, schemaUrl);
      }
    };
  }

  @Override
  public Tracer get(String scope, String version) {
    return tracer(scope, version, null);
  }

  private Tracer tracer(String scope, String version, String schemaUrl) {
    String key = scope + '\0' + version + '\0' + schemaUrl;
    synchronized (this) {
      EarlyTracer tracer = tracers.get(key);
      if (tracer == null) {
        tracer = new EarlyTracer(this, scope, version, schemaUrl);
        if (done) { // asked for after the fact: nothing early about it
          tracer.sdk(sdkTracers == null ? TracerProvider.noop().get(scope)
              : sdkTracer(sdkTracers, tracer));
        }
        tracers.put(key, tracer);
      }
      return tracer;
    }
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
  int ready(TracerProvider sdk) {
    List<EarlySpan> replay;
    int lost;
    synchronized (this) {
      sdkTracers = sdk;
      done = true;
      for (EarlyTracer tracer : tracers.values()) {
        tracer.sdk(sdkTracer(sdk, tracer));
      }
      replay = ended;
      lost = dropped;
      ended = null;
    }
    replay.forEach(this::replay);
    return lost;
  }

  /** The SDK could not be built: early spans are dropped, and later ones are no-ops. */
  synchronized void failed() {
    done = true;
    for (EarlyTracer tracer : tracers.values()) {
      tracer.sdk(TracerProvider.noop().get(tracer.scope));
    }
    ended = null;
  }

  /** An early span ended: held until the SDK is built, or replayed at once if it is. */
  void ended(EarlySpan span) {
    synchronized (this) {
      if (!done) {
        if (ended.size() < capacity) {
          ended.add(span);
        } else {
          dropped++;
        }
        return;
      }
      if (sdkTracers == null) {
        return; // the SDK failed
      }
    }
    replay(span);
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

  private static Tracer sdkTracer(TracerProvider sdk, EarlyTracer tracer) {
    TracerBuilder builder = sdk.tracerBuilder(tracer.scope);
    if (tracer.version != null) {
      builder.setInstrumentationVersion(tracer.version);
    }
    if (tracer.schemaUrl != null) {
      builder.setSchemaUrl(tracer.schemaUrl);
    }
    return builder.build();
  }
}
