package dev.aotel.sdk.internal.early;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A span being built before the SDK exists. Starting it decides what the SDK would: the ids (from
 * the SDK's random generator), the sampling decision (from the configured built-in sampler, which
 * decides the same again when the span is replayed: it sees the same trace id, parent, name, kind,
 * attributes and links) and the trace flags and state. Follows {@code SdkSpanBuilder}: null keys,
 * values and kinds are ignored, as is a negative start time.
 */
final class EarlySpanBuilder extends BaseSpanBuilder {
  private final EarlyTracer tracer;
  private final AttributesBuilder attributes = Attributes.builder();
  private List<LinkData> links;

  EarlySpanBuilder(EarlyTracer tracer, String name) {
    super(name);
    this.tracer = tracer;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes linkAttributes) {
    if (spanContext != null && spanContext.isValid()) {
      if (links == null) {
        links = new ArrayList<>();
      }
      links.add(LinkData.create(spanContext,
          linkAttributes == null ? Attributes.empty() : linkAttributes));
    }
    return this;
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    if (key != null && !key.getKey().isEmpty() && value != null) {
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public Span startSpan() {
    Context parentContext = parentContext();
    Attributes startAttributes = attributes.build();
    List<LinkData> spanLinks = links == null ? List.of() : List.copyOf(links);
    Tracer sdk = tracer.sdk();
    if (sdk != null) { // the SDK was built while this span was: it starts the span itself
      return EarlyTracing.sdkBuilder(sdk, name, kind, startAttributes, spanLinks,
          startEpochNanos).setParent(parentContext).startSpan();
    }
    EarlyTracing tracing = tracer.tracing();
    SpanContext parentSpan = Span.fromContext(parentContext).getSpanContext();
    String spanId = tracing.ids().newSpanId();
    String traceId;
    boolean randomTraceId;
    if (parentSpan.isValid()) {
      traceId = parentSpan.getTraceId();
      randomTraceId = parentSpan.getTraceFlags().isTraceIdRandom();
    } else {
      traceId = tracing.ids().newTraceId();
      randomTraceId = tracing.ids().generatesRandomTraceIds();
    }
    SamplingResult sampling = tracing.sampler().shouldSample(
        parentContext, traceId, name, kind, startAttributes, spanLinks);
    SamplingDecision decision = sampling.getDecision();
    TraceState traceState = sampling.getUpdatedTraceState(parentSpan.getTraceState());
    SpanContext context = SpanContext.create(traceId, spanId, TraceFlags.builder()
        .setSampled(decision == SamplingDecision.RECORD_AND_SAMPLE)
        .setRandomTraceId(randomTraceId)
        .build(), traceState);
    if (decision == SamplingDecision.DROP) {
      return Span.wrap(context); // what the SDK hands out too: propagated, never exported
    }
    return new EarlySpan(tracer, name, kind, parentSpan, context, startAttributes, spanLinks,
        startEpochNanos != 0 ? startEpochNanos : Clock.getDefault().now());
  }
}
