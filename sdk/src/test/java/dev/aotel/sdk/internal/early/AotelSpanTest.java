package dev.aotel.sdk.internal.early;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * aotel's own spans against the SDK's: the same calls on a tracer of each, with the same sampler,
 * resource and processor kind, give span data that are equal in everything but the random ids.
 */
class AotelSpanTest {
  private static final Resource RESOURCE =
      Resource.getDefault().merge(Resource.builder().put("service.name", "svc").build());
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final SpanContext REMOTE = SpanContext.createFromRemoteParent(
      "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
      TraceState.builder().put("vendor", "x").build());

  private static final IllegalStateException BROKEN = new IllegalStateException("broken");

  /** The spans that the same calls made through the SDK and through aotel's tracer. */
  private record Pair(List<SpanData> sdk, List<SpanData> aotel) {}

  private static Pair both(String sampler, Function<Tracer, Object> calls) {
    EarlyTracing tracing = new EarlyTracing(sampler, 0.5, 16, 128, 128);
    InMemorySpanExporter sdkSpans = InMemorySpanExporter.create();
    InMemorySpanExporter aotelSpans = InMemorySpanExporter.create();
    SdkTracerProvider sdk = SdkTracerProvider.builder().setResource(RESOURCE)
        .setSampler(tracing.sampler()).setIdGenerator(tracing.ids())
        .addSpanProcessor(SimpleSpanProcessor.create(sdkSpans)).build();
    AotelTracerProvider aotel = new AotelTracerProvider(TracerProvider.noop(), tracing,
        SimpleSpanProcessor.create(aotelSpans), RESOURCE);
    calls.apply(sdk.get("dev.aotel"));
    calls.apply(aotel.get("dev.aotel"));
    return new Pair(byName(sdkSpans.getFinishedSpanItems()),
        byName(aotelSpans.getFinishedSpanItems()));
  }

  private static List<SpanData> byName(List<SpanData> spans) {
    return spans.stream().sorted(Comparator.comparing(SpanData::getName)).toList();
  }

  /** Equal but for ids (compared as the relation of child to parent) and exception times. */
  private static void assertSame(Pair pair) {
    assertThat(pair.aotel()).hasSameSizeAs(pair.sdk());
    for (int i = 0; i < pair.sdk().size(); i++) {
      SpanData expected = pair.sdk().get(i);
      SpanData actual = pair.aotel().get(i);
      assertThat(actual.getName()).isEqualTo(expected.getName());
      assertThat(actual.getKind()).isEqualTo(expected.getKind());
      assertThat(actual.getSpanContext().getTraceFlags())
          .isEqualTo(expected.getSpanContext().getTraceFlags());
      assertThat(actual.getSpanContext().getTraceState())
          .isEqualTo(expected.getSpanContext().getTraceState());
      assertThat(actual.getParentSpanContext().isValid())
          .isEqualTo(expected.getParentSpanContext().isValid());
      assertThat(actual.getParentSpanContext().isRemote())
          .isEqualTo(expected.getParentSpanContext().isRemote());
      assertThat(parentName(actual, pair.aotel())).isEqualTo(parentName(expected, pair.sdk()));
      assertThat(actual.getAttributes().asMap()).isEqualTo(expected.getAttributes().asMap());
      assertThat(actual.getTotalAttributeCount()).isEqualTo(expected.getTotalAttributeCount());
      assertThat(actual.getStatus()).isEqualTo(expected.getStatus());
      assertThat(actual.getStartEpochNanos()).isEqualTo(expected.getStartEpochNanos());
      assertThat(actual.getEndEpochNanos()).isEqualTo(expected.getEndEpochNanos());
      assertThat(actual.hasEnded()).isEqualTo(expected.hasEnded());
      assertThat(actual.getResource()).isEqualTo(expected.getResource());
      assertThat(actual.getInstrumentationScopeInfo())
          .isEqualTo(expected.getInstrumentationScopeInfo());
      assertThat(actual.getTotalRecordedEvents()).isEqualTo(expected.getTotalRecordedEvents());
      assertThat(actual.getEvents()).hasSameSizeAs(expected.getEvents());
      for (int e = 0; e < expected.getEvents().size(); e++) {
        EventData want = expected.getEvents().get(e);
        EventData got = actual.getEvents().get(e);
        assertThat(got.getName()).isEqualTo(want.getName());
        if (!want.getName().equals("exception")) {
          assertThat(got.getEpochNanos()).isEqualTo(want.getEpochNanos());
        }
        assertThat(got.getAttributes().asMap()).isEqualTo(want.getAttributes().asMap());
        assertThat(got.getTotalAttributeCount()).isEqualTo(want.getTotalAttributeCount());
      }
      assertThat(actual.getTotalRecordedLinks()).isEqualTo(expected.getTotalRecordedLinks());
      assertThat(actual.getLinks()).hasSameSizeAs(expected.getLinks());
      for (int l = 0; l < expected.getLinks().size(); l++) {
        LinkData want = expected.getLinks().get(l);
        LinkData got = actual.getLinks().get(l);
        assertThat(got.getSpanContext()).isEqualTo(want.getSpanContext());
        assertThat(got.getAttributes().asMap()).isEqualTo(want.getAttributes().asMap());
        assertThat(got.getTotalAttributeCount()).isEqualTo(want.getTotalAttributeCount());
      }
    }
  }

  private static String parentName(SpanData span, List<SpanData> all) {
    if (span.getParentSpanContext().isRemote()) {
      return "remote " + span.getParentSpanContext().getSpanId();
    }
    return all.stream().filter(s -> s.getSpanId().equals(span.getParentSpanId()))
        .map(SpanData::getName).findFirst().orElse(null);
  }

  private static Attributes many(String prefix, int count) {
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i < count; i++) {
      builder.put(prefix + i, i);
    }
    return builder.build();
  }

  @Test
  void aServerSpanWithAChildEventsLinksAndStatusIsRecordedAsTheSdkRecordsIt() {
    assertSame(both("parentbased_always_on", tracer -> {
      Span server = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
          .setParent(Context.root().with(Span.wrap(REMOTE)))
          .setStartTimestamp(1_000, TimeUnit.NANOSECONDS)
          .setAttribute(METHOD, "GET").setAttribute("url.path", "/orders/7")
          .setAttribute(METHOD, "POST") // replaced in place, and counted
          .setAttribute((String) null, "ignored").setAttribute("", "ignored")
          .setAttribute(AttributeKey.stringKey("ignored"), null)
          .addLink(REMOTE, Attributes.of(METHOD, "linked"))
          .addLink(SpanContext.getInvalid())
          .startSpan();
      Span child = tracer.spanBuilder("child").setParent(Context.root().with(server))
          .setStartTimestamp(2_000, TimeUnit.NANOSECONDS).startSpan();
      child.addEvent("checkpoint", Attributes.of(STATUS, 1L), 2_500, TimeUnit.NANOSECONDS);
      child.recordException(BROKEN, Attributes.of(STATUS, 2L));
      child.setStatus(StatusCode.ERROR, "broken");
      child.end(3_000, TimeUnit.NANOSECONDS);
      server.setAttribute(STATUS, 200L);
      server.setStatus(StatusCode.OK);
      server.setStatus(StatusCode.ERROR, "too late: OK is final");
      server.addLink(REMOTE);
      server.updateName("GET /orders");
      server.end(4_000, TimeUnit.NANOSECONDS);
      server.setAttribute(STATUS, 500L); // after the end: ignored
      server.updateName("ignored");
      server.end(5_000, TimeUnit.NANOSECONDS);
      return null;
    }));
  }

  @Test
  void limitsBoundAttributesEventsAndLinksAsTheSdkDefaultsDo() {
    assertSame(both("always_on", tracer -> {
      Span span = tracer.spanBuilder("limited").setAllAttributes(many("start.", 100))
          .addLink(REMOTE, many("builder.link.", 130))
          .setStartTimestamp(1, TimeUnit.SECONDS).startSpan();
      span.setAllAttributes(many("late.", 100));
      for (int i = 0; i < 130; i++) {
        span.addEvent("event", many("event.", 129), 2 + i, TimeUnit.SECONDS);
        span.addLink(REMOTE, many("link.", 130));
      }
      span.end(200, TimeUnit.SECONDS);
      return null;
    }));
  }

  @Test
  void samplersDecideAsForTheSdkAndDroppedSpansAreNotRecorded() {
    for (String sampler : List.of("always_off", "parentbased_always_off", "traceidratio",
        "parentbased_traceidratio")) {
      Pair pair = both(sampler, tracer -> {
        for (int i = 0; i < 20; i++) {
          Span span = tracer.spanBuilder("span " + i).setStartTimestamp(i, TimeUnit.SECONDS)
              .startSpan();
          span.end(i + 1, TimeUnit.SECONDS);
        }
        Span unsampledParent = Span.wrap(SpanContext.createFromRemoteParent(
            REMOTE.getTraceId(), REMOTE.getSpanId(), TraceFlags.getDefault(),
            TraceState.getDefault()));
        Span child = tracer.spanBuilder("child of unsampled")
            .setParent(Context.root().with(unsampledParent)).startSpan();
        assertThat(child.isRecording()).isFalse();
        child.end();
        return null;
      });
      // The ratio samplers decide by trace id, and the ids are random: each of aotel's spans is
      // checked against what the sampler says for the id it got.
      if (sampler.contains("ratio")) {
        assertRatioDecisions(sampler);
      } else {
        assertSame(pair);
        assertThat(pair.aotel()).isEmpty();
      }
    }
  }

  @Test
  void aBuilderStartedTwiceStartsTheSecondSpanFromWhatWasSetSince() {
    assertSame(both("always_on", tracer -> {
      io.opentelemetry.api.trace.SpanBuilder builder = tracer.spanBuilder("reused")
          .setAttribute(METHOD, "GET").addLink(REMOTE).setStartTimestamp(1, TimeUnit.SECONDS);
      Span first = builder.startSpan();
      builder.setAttribute(STATUS, 1L);
      Span second = builder.startSpan();
      first.setAttribute(STATUS, 2L); // not the second span's
      first.end(2, TimeUnit.SECONDS);
      second.updateName("reused again");
      second.end(3, TimeUnit.SECONDS);
      return null;
    }));
  }

  private static void assertRatioDecisions(String sampler) {
    EarlyTracing tracing = new EarlyTracing(sampler, 0.5, 16, 128, 128);
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    Tracer tracer = new AotelTracerProvider(TracerProvider.noop(), tracing,
        SimpleSpanProcessor.create(spans), RESOURCE).get("dev.aotel");
    int sampled = 0;
    for (int i = 0; i < 40; i++) {
      Span span = tracer.spanBuilder("root").setNoParent().startSpan();
      boolean expected = tracing.sampler().shouldSample(Context.root(),
          span.getSpanContext().getTraceId(), "root", SpanKind.INTERNAL, Attributes.empty(),
          List.of()).getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
      assertThat(span.getSpanContext().isSampled()).isEqualTo(expected);
      assertThat(span.isRecording()).isEqualTo(expected);
      span.end();
      sampled += expected ? 1 : 0;
    }
    assertThat(spans.getFinishedSpanItems()).hasSize(sampled);
    assertThat(sampled).isBetween(1, 39); // 0.5 of 40: all or none is 2e-12
  }

  @Test
  void statusAndSameNamedKeysOfAnotherTypeAreKeptAsTheSdkKeepsThem() {
    assertSame(both("always_on", tracer -> {
      tracer.spanBuilder("unset after error").setStartTimestamp(1, TimeUnit.SECONDS).startSpan()
          .setStatus(StatusCode.ERROR, "boom").setStatus(StatusCode.UNSET)
          .end(2, TimeUnit.SECONDS);
      tracer.spanBuilder("ok with a description").setStartTimestamp(1, TimeUnit.SECONDS)
          .startSpan().setStatus(StatusCode.OK, "dropped by the SDK").end(2, TimeUnit.SECONDS);
      tracer.spanBuilder("same name, other type").setAttribute("a", "x")
          .setStartTimestamp(1, TimeUnit.SECONDS).startSpan()
          .setAttribute(AttributeKey.longKey("a"), 1L).setAttribute("b", true)
          .setAttribute("a", "y").end(2, TimeUnit.SECONDS);
      return null;
    }));
  }

  @Test
  void aSpanProcessorThatThrowsOnOneReplayedSpanCostsNoOther() {
    EarlyTracing tracing = new EarlyTracing("always_on", 1, 16, 128, 128);
    Tracer early = tracing.get("lib");
    early.spanBuilder("first").startSpan().end();
    early.spanBuilder("second").startSpan().end();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SpanProcessor picky = new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (span.getName().equals("first")) {
          throw new IllegalStateException("a processor that throws");
        }
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
    SdkTracerProvider sdk = SdkTracerProvider.builder().addSpanProcessor(picky)
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    assertThat(tracing.ready(sdk)).isZero();
    assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).contains("second");
    sdk.close();
  }

  @Test
  void spanDataTakenBeforeTheEndDoesNotChangeAfterIt() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    AotelTracerProvider aotel = new AotelTracerProvider(TracerProvider.noop(),
        new EarlyTracing("always_on", 1, 16, 128, 128), SimpleSpanProcessor.create(spans),
        RESOURCE);
    Span span = aotel.get("dev.aotel").spanBuilder("span").setAttribute(METHOD, "GET")
        .startSpan();
    SpanData before = ((ReadableSpan) span).toSpanData();
    span.setAttribute(STATUS, 200L);
    span.updateName("renamed");
    span.end();

    assertThat(before.hasEnded()).isFalse();
    assertThat(before.getName()).isEqualTo("span");
    assertThat(before.getAttributes().asMap()).containsOnlyKeys(METHOD);
    assertThat(before.getTotalAttributeCount()).isEqualTo(1);
    SpanData after = spans.getFinishedSpanItems().get(0);
    assertThat(after.getName()).isEqualTo("renamed");
    assertThat(after.getAttributes().asMap()).containsOnlyKeys(METHOD, STATUS);
    assertThat(after.getAttributes().get(STATUS)).isEqualTo(200L);
    assertThat(after.getAttributes()).hasToString(
        Attributes.of(METHOD, "GET", STATUS, 200L).toString()); // the console exporter prints it
    assertThat(span.isRecording()).isFalse();
  }

  @Test
  void otherScopesAndVersionedTracersAreTheSdks() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    SdkTracerProvider sdk = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    AotelTracerProvider aotel = new AotelTracerProvider(sdk,
        new EarlyTracing("always_on", 1, 16, 128, 128), SimpleSpanProcessor.create(spans),
        RESOURCE);

    assertThat(aotel.get("dev.aotel").spanBuilder("own").startSpan())
        .isInstanceOf(AotelSpan.class);
    assertThat(aotel.tracerBuilder("dev.aotel").build().spanBuilder("own").startSpan())
        .isInstanceOf(AotelSpan.class);
    assertThat(aotel.get("app").spanBuilder("app").startSpan())
        .isNotInstanceOf(AotelSpan.class).isInstanceOf(ReadableSpan.class);
    assertThat(aotel.get("dev.aotel", "1.0").spanBuilder("versioned").startSpan())
        .isNotInstanceOf(AotelSpan.class);
    assertThat(aotel.tracerBuilder("dev.aotel").setSchemaUrl("https://x").build()
        .spanBuilder("schema").startSpan()).isNotInstanceOf(AotelSpan.class);
  }
}
