package dev.aotel.sdk.internal.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.autoconfigure.ServiceInstanceIdResourceProvider;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.internal.EntityUtil;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * aotel's encoder against the SDK's own OTLP marshaler: the same spans, made by the real SDK,
 * decoded by opentelemetry-proto from both encodings, must be the same request.
 */
class SpanEncoderTest {
  private static final SpanContext REMOTE_PARENT = SpanContext.createFromRemoteParent(
      "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
      TraceState.builder().put("vendor", "a=1").put("other", "x").build());

  @Test
  void everyKindOfSpanDecodesAsTheSdksEncodingOfIt() throws Exception {
    List<SpanData> spans = spans();
    assertThat(decode(aotel(spans))).isEqualTo(decode(sdk(spans)));
  }

  /**
   * The resource as autoconfigure makes it: its providers describe entities (the service
   * instance, with its random id), which the SDK's exporter sends as the resource's entity refs.
   */
  @Test
  void aResourceWithEntitiesKeepsThemAsTheSdkEncodesThem() throws Exception {
    Resource resource = Resource.getDefault().merge(new ServiceInstanceIdResourceProvider()
        .createResource(DefaultConfigProperties.createFromMap(Map.of())));
    assertThat(EntityUtil.getEntities(resource)).isNotEmpty(); // else this tests nothing
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = provider(resource, exporter, SpanLimits.getDefault())) {
      provider.get("dev.aotel").spanBuilder("GET /").startSpan().end();
      List<SpanData> spans = exporter.getFinishedSpanItems();
      byte[] theirs = sdk(spans);
      assertThat(ExportTraceServiceRequest.parseFrom(theirs).getResourceSpans(0).getResource()
          .getEntityRefsCount()).isEqualTo(EntityUtil.getEntities(resource).size());
      assertThat(decode(aotel(spans))).isEqualTo(decode(theirs));
    }
  }

  @Test
  void spansOfTwoResourcesAndScopesInAnyOrderAreGroupedAsTheSdkGroupsThem() throws Exception {
    List<SpanData> spans = spans();
    List<SpanData> shuffled = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) { // interleave, so that no group arrives in one piece
      shuffled.add(spans.get(i % 2 == 0 ? i / 2 : spans.size() - 1 - i / 2));
    }
    ExportTraceServiceRequest ours = ExportTraceServiceRequest.parseFrom(aotel(shuffled));
    ExportTraceServiceRequest theirs = ExportTraceServiceRequest.parseFrom(sdk(shuffled));
    assertThat(ours.getResourceSpansCount()).isEqualTo(2).isEqualTo(theirs.getResourceSpansCount());
    assertThat(scopeCount(ours)).isEqualTo(scopeCount(theirs)).isEqualTo(3);
    assertThat(flatten(ours)).containsExactlyInAnyOrderElementsOf(flatten(theirs));
    assertThat(decode(aotel(shuffled))).isEqualTo(decode(sdk(shuffled)));
  }

  @Test
  void aBatchWhoseEncodingFailedHalfwayLeavesNothingForTheNextOnceReset() {
    List<SpanData> spans = spans();
    SpanData broken = new DelegatingSpanData(spans.get(1)) {
      @Override
      public List<EventData> getEvents() { // after the span's attributes are written
        throw new IllegalStateException("a span whose data throws");
      }
    };
    SpanEncoder encoder = new SpanEncoder();
    assertThatThrownBy(() -> encoder.encode(List.of(spans.get(0), broken)))
        .hasMessageContaining("a span whose data throws");
    encoder.reset();
    assertThat(bytes(encoder.encode(spans.subList(2, 4))))
        .isEqualTo(bytes(new SpanEncoder().encode(spans.subList(2, 4))));
  }

  @Test
  void theEncoderIsReusedAcrossBatchesWithoutCarryingAnythingOver() throws Exception {
    List<SpanData> spans = spans();
    SpanEncoder encoder = new SpanEncoder();
    byte[] first = bytes(encoder.encode(spans.subList(0, 3)));
    byte[] second = bytes(encoder.encode(spans));
    byte[] third = bytes(encoder.encode(spans.subList(0, 3)));
    assertThat(third).isEqualTo(first);
    assertThat(decode(second)).isEqualTo(decode(sdk(spans)));
    assertThat(encoder.encode(List.of()).size()).isZero();
  }

  /**
   * Lengths are sized before they are written ({@code varintSize}); sizes and writes must agree
   * at every seven-bit boundary, negatives (ten bytes) included, or the messages around them
   * would be cut or padded.
   */
  @Test
  void varintSizesAgreeWithTheBytesWrittenAtEveryBoundary() {
    List<Long> values = new ArrayList<>(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
    for (int bits = 7; bits < 64; bits += 7) {
      values.add((1L << bits) - 1);
      values.add(1L << bits);
    }
    for (long value : values) {
      ProtoBuffer buffer = new ProtoBuffer(16);
      buffer.varint(value);
      assertThat(SpanEncoder.varintSize(value)).as("size of %d", value).isEqualTo(buffer.size());
    }
  }

  @Test
  void valuesThatRepeatChangeOrChangeTypeUnderOneKeyAreEncodedAsTheyAre() throws Exception {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    String longValue = "v".repeat(200); // beyond what the encoder keeps to copy
    Object[] values = {"a", "a", "b", "a", 1L, 1L, "1", true, true, false, 1.0, 1.0, -0.0, 0.0,
        longValue, longValue, "a"};
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
      Tracer tracer = provider.get("repeats");
      for (Object value : values) {
        Span span = tracer.spanBuilder("repeat").startSpan();
        if (value instanceof String text) {
          span.setAttribute("x", text);
          span.addEvent("e", Attributes.of(AttributeKey.stringKey("x"), text + "!"));
        } else if (value instanceof Long number) {
          span.setAttribute("x", number);
        } else if (value instanceof Boolean flag) {
          span.setAttribute("x", flag);
        } else {
          span.setAttribute("x", (Double) value);
        }
        span.end();
      }
    }
    List<SpanData> spans = memory.getFinishedSpanItems();
    SpanEncoder encoder = new SpanEncoder();
    assertThat(decode(bytes(encoder.encode(spans)))).isEqualTo(decode(sdk(spans)));
    List<SpanData> reversed = new ArrayList<>(spans); // the next batch starts where this ended
    java.util.Collections.reverse(reversed);
    assertThat(decode(bytes(encoder.encode(reversed)))).isEqualTo(decode(sdk(reversed)));
  }

  @Test
  void aBatchThatGrewTheBuffersPastFourMegabytesGivesTheMemoryBackAfterwards() throws Exception {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
      provider.get("big").spanBuilder("big").setAttribute("blob", "x".repeat(5 << 20))
          .startSpan().end();
      List<SpanData> big = memory.getFinishedSpanItems();
      SpanEncoder encoder = new SpanEncoder();
      assertThat(decode(bytes(encoder.encode(big)))).isEqualTo(decode(sdk(big)));
      assertThat(encoder.encode(big).array().length).isGreaterThan(5 << 20);
      encoder.trim();
      List<SpanData> small = spans();
      ProtoBuffer encoded = encoder.encode(small);
      assertThat(encoded.array().length).isLessThanOrEqualTo(64 * 1024);
      assertThat(decode(bytes(encoded))).isEqualTo(decode(sdk(small)));
    }
  }

  /** Every field the encoder writes: attribute types, events, links, limits, status, kinds. */
  private static List<SpanData> spans() {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    Resource service = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
        "shop", AttributeKey.longKey("pid"), 42L), "https://opentelemetry.io/schemas/1.30.0");
    Resource other = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
        "other"));
    try (SdkTracerProvider one = provider(service, exporter, SpanLimits.getDefault());
        SdkTracerProvider two = provider(other, exporter, SpanLimits.builder()
            .setMaxNumberOfAttributes(2).setMaxNumberOfEvents(1).setMaxNumberOfLinks(1)
            .setMaxNumberOfAttributesPerEvent(1).setMaxNumberOfAttributesPerLink(1).build())) {
      Tracer tracer = one.tracerBuilder("dev.aotel").setInstrumentationVersion("1.2.3")
          .setSchemaUrl("https://opentelemetry.io/schemas/1.37.0").build();
      Tracer plainScope = one.get("plain");
      Span server = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
          .setParent(Context.root().with(Span.wrap(REMOTE_PARENT)))
          .setAttribute("http.request.method", "GET")
          .setAttribute("url.path", "/orders/é☃𝄞\ud800x") // two, three, four bytes, a lone surrogate
          .setAttribute("empty", "")
          .setAttribute("server.port", 8080L)
          .setAttribute("negative", -7L)
          .setAttribute("zero", 0L)
          .setAttribute("max", Long.MAX_VALUE)
          .setAttribute("ratio", 0.25)
          .setAttribute("nan", Double.NaN)
          .setAttribute("yes", true)
          .setAttribute("no", false)
          .setAttribute(AttributeKey.stringArrayKey("strings"), List.of("a", "", "ü"))
          .setAttribute(AttributeKey.booleanArrayKey("booleans"), List.of(true, false))
          .setAttribute(AttributeKey.longArrayKey("longs"), List.of(1L, -1L, 0L))
          .setAttribute(AttributeKey.doubleArrayKey("doubles"), List.of(1.5, 0.0))
          .setAttribute(AttributeKey.stringArrayKey("none"), List.of())
          .setAttribute(AttributeKey.valueKey("value"), Value.of(
              KeyValue.of("nested", Value.of(Value.of("x"), Value.of(3L), Value.of(true),
                  Value.of(2.5), Value.of(new byte[] {1, 2, 3}))),
              KeyValue.of("bytes", Value.of(new byte[] {9})),
              KeyValue.of("empty", Value.empty())))
          .addLink(REMOTE_PARENT, Attributes.of(AttributeKey.stringKey("link"), "yes"))
          .startSpan();
      server.addEvent("cache miss", Attributes.of(AttributeKey.longKey("size"), 3L));
      server.recordException(new IllegalStateException("out of stock"));
      server.setStatus(StatusCode.ERROR, "out of stock");
      Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT)
          .setParent(Context.root().with(server)).startSpan();
      client.setStatus(StatusCode.OK, "ignored for OK");
      client.end();
      server.end();
      for (SpanKind kind : List.of(SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.CONSUMER)) {
        plainScope.spanBuilder(kind.name().toLowerCase()).setSpanKind(kind).startSpan().end();
      }
      Span limited = two.get("limited", "0.1").spanBuilder("limited")
          .setNoParent()
          .setAttribute("a", "1").setAttribute("b", "2").setAttribute("c", "3")
          .addLink(REMOTE_PARENT, Attributes.of(AttributeKey.stringKey("x"), "1",
              AttributeKey.stringKey("y"), "2"))
          .addLink(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
              TraceFlags.getDefault(), TraceState.getDefault()))
          .startSpan();
      limited.addEvent("first", Attributes.of(AttributeKey.stringKey("k"), "v",
          AttributeKey.stringKey("l"), "w"));
      limited.addEvent("second");
      limited.end();
      List<SpanData> spans = exporter.getFinishedSpanItems(); // closing the exporter clears it
      assertThat(spans).hasSize(6);
      return spans;
    }
  }

  private static SdkTracerProvider provider(Resource resource, InMemorySpanExporter exporter,
      SpanLimits limits) {
    return SdkTracerProvider.builder().setResource(resource).setSpanLimits(limits)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  }

  private static byte[] aotel(List<SpanData> spans) {
    return bytes(new SpanEncoder().encode(spans));
  }

  private static byte[] bytes(ProtoBuffer buffer) {
    return Arrays.copyOf(buffer.array(), buffer.size());
  }

  private static byte[] sdk(List<SpanData> spans) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(spans).writeBinaryTo(out);
    return out.toByteArray();
  }

  /** The request with resources and scopes in a fixed order (the SDK groups through a map). */
  private static ExportTraceServiceRequest decode(byte[] bytes) throws Exception {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(bytes);
    List<ResourceSpans> resources = new ArrayList<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      List<ScopeSpans> scopes = new ArrayList<>(resource.getScopeSpansList());
      scopes.sort((a, b) -> a.getScope().getName().compareTo(b.getScope().getName()));
      resources.add(resource.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
    }
    resources.sort((a, b) -> a.getResource().toString().compareTo(b.getResource().toString()));
    return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(resources).build();
  }

  private static int scopeCount(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream().mapToInt(ResourceSpans::getScopeSpansCount)
        .sum();
  }

  private static List<String> flatten(ExportTraceServiceRequest request) {
    List<String> spans = new ArrayList<>();
    request.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s ->
        s.getSpansList().forEach(span -> spans.add(r.getResource() + "|" + s.getScope() + "|"
            + span))));
    return spans;
  }
}
