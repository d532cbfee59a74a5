package dev.aotel.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a service sends onward, with the real SDK between extraction and injection: the incoming
 * trace id and trace state, a new parent id, the sampled flag its sampler decides.
 */
class W3CSdkPropagationTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT_ID = "b7ad6b7169203331";
  private static final TextMapPropagator propagator = TextMapPropagator.composite(
      W3CTraceContext.getInstance(), W3CBaggage.getInstance());

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final List<SdkTracerProvider> tracerProviders = new ArrayList<>();

  @AfterEach
  void shutDown() {
    tracerProviders.forEach(SdkTracerProvider::close);
  }

  @Test
  void aServiceKeepsTheTraceIdAndTraceStateAndSendsItsOwnParentId() {
    Headers out = serve(Sampler.parentBased(Sampler.alwaysOn()), Headers.of(
        "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
        "tracestate", "congo=t61rcWkgMzE, rojo=00f067aa0ba902b7"));

    SpanData server = exported("server");
    assertThat(server.getParentSpanId()).isEqualTo(PARENT_ID);
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
    String[] traceparent = out.get("traceparent").split("-");
    assertThat(traceparent[0]).isEqualTo("00");
    assertThat(traceparent[1]).isEqualTo(TRACE_ID);
    assertThat(traceparent[2]).isNotEqualTo(PARENT_ID).isEqualTo(exported("client").getSpanId());
    assertThat(traceparent[3]).isEqualTo("01");
    assertThat(out.get("tracestate")).isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  }

  @Test
  void theSampledFlagIsTheSamplersDecision() {
    String unsampled = "00-" + TRACE_ID + "-" + PARENT_ID + "-00";
    Headers followed = serve(Sampler.parentBased(Sampler.alwaysOn()),
        Headers.of("traceparent", unsampled));
    assertThat(followed.get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-00")
        .doesNotContain(PARENT_ID);

    Headers overridden = serve(Sampler.alwaysOn(), Headers.of("traceparent", unsampled));
    assertThat(overridden.get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
  }

  @Test
  void theRandomTraceIdFlagIsKeptWithTheTraceId() {
    Headers out = serve(Sampler.parentBased(Sampler.alwaysOn()),
        Headers.of("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-03"));
    assertThat(out.get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-03");
  }

  @Test
  void keysTheApisBuilderWouldRefuseSurviveTheSdk() {
    Headers out = serve(Sampler.parentBased(Sampler.alwaysOn()), Headers.of(
        "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
        "tracestate", "foo@=1,foo@@bar=2,1abc=3," + "t".repeat(242) + "@v=4"));
    assertThat(out.get("tracestate"))
        .isEqualTo("foo@=1,foo@@bar=2,1abc=3," + "t".repeat(242) + "@v=4");
  }

  @Test
  void aSamplerAddsItsMemberOnTheLeft() {
    Sampler addsMember = new Sampler() {
      @Override
      public SamplingResult shouldSample(Context parentContext, String traceId, String name,
          SpanKind spanKind, Attributes attributes, List<LinkData> parentLinks) {
        return new SamplingResult() {
          @Override
          public SamplingDecision getDecision() {
            return SamplingDecision.RECORD_AND_SAMPLE;
          }

          @Override
          public Attributes getAttributes() {
            return Attributes.empty();
          }

          @Override
          public TraceState getUpdatedTraceState(TraceState parentTraceState) {
            return parentTraceState.toBuilder().put("aotel", "s1").build();
          }
        };
      }

      @Override
      public String getDescription() {
        return "adds aotel=s1";
      }
    };
    Headers out = serve(addsMember, Headers.of(
        "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
        "tracestate", "congo=t61rcWkgMzE,aotel=s0"));
    assertThat(out.get("tracestate")).isEqualTo("aotel=s1,congo=t61rcWkgMzE");
  }

  @Test
  void anInvalidTraceparentStartsANewTraceWithoutTheTraceState() {
    Headers out = serve(Sampler.parentBased(Sampler.alwaysOn()), Headers.of(
        "traceparent", "00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01",
        "tracestate", "congo=t61rcWkgMzE"));
    assertThat(exported("server").getParentSpanContext().isValid()).isFalse();
    assertThat(out.get("traceparent")).doesNotContain(TRACE_ID.toUpperCase())
        .doesNotContain(TRACE_ID);
    assertThat(out.all("tracestate")).isEmpty();
  }

  @Test
  void baggageGoesOnWithTheRequest() {
    Headers out = serve(Sampler.parentBased(Sampler.alwaysOn()), Headers.of(
        "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
        "baggage", "userId=alice,serverNode=DF%2028;p=1"));
    assertThat(out.get("baggage")).isEqualTo("serverNode=DF%2028;p=1,userId=alice");
  }

  /**
   * A service: extracts the request's context, serves it under a SERVER span and calls onward
   * under a CLIENT span with the context current; the headers of that call.
   */
  private Headers serve(Sampler sampler, Headers request) {
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder().setSampler(sampler)
        .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    tracerProviders.add(tracerProvider); // closing shuts the exporter down, which forgets spans
    Tracer tracer = tracerProvider.get("service");
    Context incoming = propagator.extract(Context.root(), request, Headers.GETTER);
    Span server = tracer.spanBuilder("server").setSpanKind(SpanKind.SERVER)
        .setParent(incoming).startSpan();
    Headers outgoing = new Headers();
    try (Scope ignored = incoming.with(server).makeCurrent()) {
      Span client = tracer.spanBuilder("client").setSpanKind(SpanKind.CLIENT).startSpan();
      try (Scope alsoIgnored = client.makeCurrent()) {
        propagator.inject(Context.current(), outgoing, Headers.SETTER);
      } finally {
        client.end();
      }
    } finally {
      server.end();
    }
    return outgoing;
  }

  private SpanData exported(String name) {
    return exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name))
        .reduce((first, second) -> second).orElseThrow();
  }
}
