package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.internal.ImmutableSpanContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link AotelSpan} as {@code SdkSpanBuilder} builds the SDK's: the parent from the
 * given or current context, ids from the SDK's generator (the one early spans are replayed with),
 * the configured built-in sampler's decision and trace state, its attributes added to the span's.
 * Null keys, values, kinds and contexts are ignored, as is a negative start time.
 */
final class AotelSpanBuilder extends BaseSpanBuilder {
  /** A server span's attributes fit without growing. */
  private static final int EXPECTED_ATTRIBUTES = 16;

  private final AotelTracerProvider tracing;
  /**
   * Handed to the span it starts: a builder started again starts from what was set since, as the
   * SDK's does.
   */
  private SpanAttributes attributes;
  private List<LinkData> links;
  private int totalLinks;

  AotelSpanBuilder(AotelTracerProvider tracing, String name) {
    super(name);
    this.tracing = tracing;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes linkAttributes) {
    if (spanContext != null && spanContext.isValid()) {
      if (links == null) {
        links = new ArrayList<>();
      }
      totalLinks++;
      if (links.size() < AotelSpan.LIMITS.getMaxNumberOfLinks()) {
        Attributes kept = linkAttributes == null ? Attributes.empty() : linkAttributes;
        links.add(LinkData.create(spanContext, // counted whole here, as the SDK's builder does
            AotelSpan.limited(kept, AotelSpan.LIMITS.getMaxNumberOfAttributesPerLink()),
            kept.size()));
      }
    }
    return this;
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    attributes().put(key, value);
    return this;
  }

  private SpanAttributes attributes() {
    if (attributes == null) {
      attributes = new SpanAttributes(EXPECTED_ATTRIBUTES,
          AotelSpan.LIMITS.getMaxNumberOfAttributes());
    }
    return attributes;
  }

  @Override
  public Span startSpan() {
    Context parentContext = parentContext();
    SpanContext parentSpan = Span.fromContext(parentContext).getSpanContext();
    ReplayIdGenerator ids = tracing.ids();
    String spanId = ids.generateSpanId();
    String traceId;
    boolean randomTraceId;
    if (parentSpan.isValid()) {
      traceId = parentSpan.getTraceId();
      randomTraceId = parentSpan.getTraceFlags().isTraceIdRandom();
    } else {
      traceId = ids.generateTraceId();
      randomTraceId = ids.generatesRandomTraceIds();
    }
    List<LinkData> spanLinks = links == null ? List.of() : links;
    SpanAttributes spanAttributes = attributes();
    attributes = null;
    SamplingResult sampling = tracing.sampler().shouldSample(parentContext, traceId, name, kind,
        spanAttributes.view(), spanLinks);
    SamplingDecision decision = sampling.getDecision();
    TraceState traceState = sampling.getUpdatedTraceState(parentSpan.getTraceState());
    // The ids are the SDK's random generator's (or a valid parent's): not validated again, as
    // the SDK's builder does not validate them for that generator either (10 % of a traced
    // request's time went to checking 48 hex digits, JMH stack profile).
    SpanContext context = ImmutableSpanContext.create(traceId, spanId, TraceFlags.builder()
        .setSampled(decision == SamplingDecision.RECORD_AND_SAMPLE)
        .setRandomTraceId(randomTraceId)
        .build(), traceState, false, true);
    if (decision == SamplingDecision.DROP) {
      return Span.wrap(context); // what the SDK hands out too: propagated, never exported
    }
    Attributes added = sampling.getAttributes();
    if (!added.isEmpty()) {
      spanAttributes.putAll(added);
    }
    AotelSpan span = new AotelSpan(tracing, context, parentSpan, name, kind,
        startEpochNanos != 0 ? startEpochNanos : Clock.getDefault().now(), spanAttributes,
        links, totalLinks);
    links = null; // the span's now; the count stays, as in the SDK's builder
    tracing.started(parentContext, span);
    return span;
  }
}
