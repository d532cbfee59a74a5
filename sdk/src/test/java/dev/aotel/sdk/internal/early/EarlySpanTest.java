package dev.aotel.sdk.internal.early;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A span started before the SDK exists keeps no more than the SDK's span would. */
class EarlySpanTest {
  private static final int ATTRIBUTES = 4;
  private static final int EVENTS = 3;

  /** A span changed in a loop, as a long-lived worker's span might be during start-up. */
  private static Span changedOften(Tracer tracer) {
    Span span = tracer.spanBuilder("early").setAttribute("start", "s").startSpan();
    for (long i = 0; i < 10_000; i++) {
      span.setAttribute("counter", i);
    }
    for (int i = 0; i < 100; i++) {
      span.setAttribute("key" + i, (long) i);
      span.addEvent("event" + i);
    }
    span.setStatus(StatusCode.ERROR, "first");
    span.setStatus(StatusCode.OK);
    span.setStatus(StatusCode.ERROR, "after OK: ignored");
    span.updateName("renamed");
    span.updateName("renamed again");
    return span;
  }

  /** Near the limit: a start key set again, a name set under another type, an UNSET status. */
  private static Span nearTheLimit(Tracer tracer) {
    Span span = tracer.spanBuilder("near").setAttribute("start", "s").startSpan();
    span.setAttribute("start", "again");
    span.setAttribute("a", "x");
    span.setAttribute(AttributeKey.longKey("a"), 1L);
    span.setAttribute("b", "b");
    span.setAttribute("a", "y");
    span.setAttribute("c", "c"); // the fourth name: kept
    span.setAttribute("d", "d"); // the fifth: dropped
    span.setStatus(StatusCode.ERROR, "boom");
    span.setStatus(StatusCode.UNSET);
    return span;
  }

  /** The same calls on an early span, replayed, and on the SDK's own span. */
  private static void assertReplayedAsTheSdksOwn(Function<Tracer, Span> calls,
      Consumer<SpanData> also) {
    EarlyTracing tracing = new EarlyTracing("always_on", 1, 16, ATTRIBUTES, EVENTS);
    Span early = calls.apply(tracing.get("lib"));
    early.end();
    SpanLimits limits = SpanLimits.builder().setMaxNumberOfAttributes(ATTRIBUTES)
        .setMaxNumberOfEvents(EVENTS).build();
    InMemorySpanExporter replayed = InMemorySpanExporter.create();
    InMemorySpanExporter direct = InMemorySpanExporter.create();
    try (SdkTracerProvider sdk = SdkTracerProvider.builder().setSpanLimits(limits)
            .setSampler(tracing.sampler()).setIdGenerator(tracing.ids())
            .addSpanProcessor(SimpleSpanProcessor.create(replayed)).build();
        SdkTracerProvider reference = SdkTracerProvider.builder().setSpanLimits(limits)
            .addSpanProcessor(SimpleSpanProcessor.create(direct)).build()) {
      assertThat(tracing.ready(sdk)).isZero();
      calls.apply(reference.get("lib")).end();
      SpanData got = replayed.getFinishedSpanItems().get(0);
      SpanData want = direct.getFinishedSpanItems().get(0);
      assertThat(got.getSpanId()).isEqualTo(early.getSpanContext().getSpanId());
      assertThat(got.getName()).isEqualTo(want.getName());
      assertThat(got.getAttributes()).isEqualTo(want.getAttributes());
      assertThat(got.getTotalAttributeCount()).isEqualTo(want.getTotalAttributeCount());
      assertThat(got.getEvents()).extracting(EventData::getName)
          .isEqualTo(want.getEvents().stream().map(EventData::getName).toList());
      assertThat(got.getTotalRecordedEvents()).isEqualTo(want.getTotalRecordedEvents());
      assertThat(got.getStatus()).isEqualTo(want.getStatus());
      also.accept(got);
    }
  }

  @Test
  void nearTheLimitAReplayedSpanKeepsWhatTheSdksOwnKeeps() {
    assertReplayedAsTheSdksOwn(EarlySpanTest::nearTheLimit, got -> {
      assertThat(got.getAttributes().asMap()).hasSize(ATTRIBUTES);
      assertThat(got.getAttributes().get(AttributeKey.stringKey("a"))).isEqualTo("y");
      assertThat(got.getAttributes().get(AttributeKey.stringKey("c"))).isEqualTo("c");
      assertThat(got.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    });
  }

  @Test
  void aSpanChangedInALoopBeforeTheSdkExistsHoldsNoMoreThanTheLimitsAndEndsAsTheSdksWould() {
    EarlyTracing tracing = new EarlyTracing("always_on", 1, 16, ATTRIBUTES, EVENTS);
    Span early = changedOften(tracing.get("lib"));
    // 4 attributes, 3 events, the status and the name: not 10,200 changes.
    assertThat(((EarlySpan) early).held()).isEqualTo(ATTRIBUTES - 1 + EVENTS + 2);
    assertReplayedAsTheSdksOwn(EarlySpanTest::changedOften, got -> {
      assertThat(got.getName()).isEqualTo("renamed again");
      assertThat(got.getAttributes().asMap()).hasSize(ATTRIBUTES);
      assertThat(got.getTotalAttributeCount()).isGreaterThan(ATTRIBUTES); // drops are counted
      assertThat(got.getEvents()).extracting(EventData::getName)
          .containsExactly("event0", "event1", "event2");
      assertThat(got.getTotalRecordedEvents()).isEqualTo(100);
      assertThat(got.getStatus().getStatusCode()).isEqualTo(StatusCode.OK);
    });
  }
}
