package dev.aotel.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases taken from the text of W3C Trace Context (editor's draft on w3c/trace-context main). */
class W3CTraceContextTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";
  private static final String VALID = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";
  private static final W3CTraceContext propagator = W3CTraceContext.getInstance();

  // ---- traceparent ----

  static Stream<Arguments> validTraceparents() {
    return Stream.of(
        arguments("the example of a sampled request", VALID, "01"),
        arguments("the example of a request not sampled",
            "00-" + TRACE_ID + "-" + PARENT_ID + "-00", "00"),
        arguments("the Congo client's example",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "01"),
        arguments("flags are a bit field: 09 is sampled plus an undefined bit",
            "00-" + TRACE_ID + "-" + PARENT_ID + "-09", "09"),
        arguments("the random-trace-id flag, not sampled",
            "00-" + TRACE_ID + "-" + PARENT_ID + "-02", "02"),
        arguments("sampled and random-trace-id", "00-" + TRACE_ID + "-" + PARENT_ID + "-03", "03"),
        arguments("optional whitespace around the field value",
            " \t" + VALID + "\t ", "01"),
        arguments("a higher version is parsed as far as this one goes",
            "01-" + TRACE_ID + "-" + PARENT_ID + "-01", "01"),
        arguments("a higher version's fields after a dash are ignored",
            "cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-will-be-like", "01"),
        arguments("a higher version keeps only the flags this version defines",
            "fe-" + TRACE_ID + "-" + PARENT_ID + "-ff-x", "03"),
        arguments("a higher version's empty extra field",
            "cc-" + TRACE_ID + "-" + PARENT_ID + "-02-", "02"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("validTraceparents")
  void aValidTraceparentIsTheRemoteParent(String rule, String traceparent, String flags) {
    SpanContext parent = extract(Headers.of("traceparent", traceparent));
    String[] ids = traceparent.trim().split("-");
    assertThat(parent.isValid()).isTrue();
    assertThat(parent.isRemote()).isTrue();
    assertThat(parent.getTraceId()).isEqualTo(ids[1]);
    assertThat(parent.getSpanId()).isEqualTo(ids[2]);
    assertThat(parent.getTraceFlags().asHex()).isEqualTo(flags);
    assertThat(parent.isSampled()).isEqualTo((Integer.parseInt(flags, 16) & 1) == 1);
  }

  static Stream<Arguments> invalidTraceparents() {
    String ids = TRACE_ID + "-" + PARENT_ID;
    return Stream.of(
        arguments("empty", ""),
        arguments("whitespace only", " \t "),
        arguments("version ff is invalid", "ff-" + ids + "-01"),
        arguments("version is lowercase hex", "0A-" + ids + "-01"),
        arguments("version is two characters followed by a dash", "00_" + ids + "-01"),
        arguments("trace-id all zeros", "00-" + "0".repeat(32) + "-" + PARENT_ID + "-01"),
        arguments("parent-id all zeros", "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01"),
        arguments("trace-id uppercase hex",
            "00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01"),
        arguments("parent-id uppercase hex",
            "00-" + TRACE_ID + "-" + PARENT_ID.toUpperCase() + "-01"),
        arguments("trace-flags uppercase hex", "00-" + ids + "-0A"),
        arguments("trace-id not hex", "00-" + TRACE_ID.replace('f', 'g') + "-" + PARENT_ID + "-01"),
        arguments("trace-id one short", "00-" + TRACE_ID.substring(1) + "-" + PARENT_ID + "-01"),
        arguments("parent-id one long", "00-" + TRACE_ID + "-" + PARENT_ID + "1-01"),
        arguments("version 00 has nothing after the flags", "00-" + ids + "-01-00"),
        arguments("version 00 is 55 characters", "00-" + ids + "-01 x"),
        arguments("a higher version shorter than 55 characters", "cc-" + ids + "-1"),
        arguments("a higher version's flags are followed by a dash or the end",
            "cc-" + ids + "-01.future"),
        arguments("a higher version still checks the ids", "cc-" + TRACE_ID + "-" + "0".repeat(16)
            + "-01"),
        arguments("a non-ASCII digit", "00-" + TRACE_ID.substring(0, 31) + "\u0661-" + PARENT_ID
            + "-01"),
        arguments("two fields combined into one value", VALID + "," + VALID),
        arguments("two higher-version fields combined into one value",
            "cc-" + ids + "-01-x,cc-" + ids + "-01"),
        arguments("two fields combined with whitespace", VALID + ", " + VALID));
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @MethodSource("invalidTraceparents")
  void anInvalidTraceparentMeansANewTraceAndNoTracestate(String rule, String traceparent) {
    Context before = Context.root().with(ContextKey.named("mark"), "kept");
    Context after = propagator.extract(before,
        Headers.of("traceparent", traceparent, "tracestate", "congo=t61rcWkgMzE"), Headers.GETTER);
    assertThat(after).isSameAs(before);
  }

  @Test
  void twoTraceparentFieldsMeanANewTrace() {
    Headers headers = Headers.of("traceparent", VALID, "traceparent", VALID);
    assertThat(propagator.extract(Context.root(), headers, Headers.GETTER))
        .isSameAs(Context.root());
    // A getter without getAll joins them with a comma: still two.
    assertThat(propagator.extract(Context.root(), headers, Headers.JOINING_GETTER))
        .isSameAs(Context.root());
  }

  @Test
  void aFutureVersionIsSentOnAsVersion00() {
    Headers out = roundTrip(Headers.of("traceparent",
        "cc-" + TRACE_ID + "-" + PARENT_ID + "-01-what-the-future-will-be-like",
        "tracestate", "congo=t61rcWkgMzE"));
    assertThat(out.get("traceparent")).isEqualTo(VALID);
    assertThat(out.get("tracestate")).isEqualTo("congo=t61rcWkgMzE");
  }

  // ---- tracestate ----

  static Stream<Arguments> tracestates() {
    String key256 = "k" + "z".repeat(255);
    String value256 = "v".repeat(256);
    String members32 = members(32);
    return Stream.of(
        arguments("a single tracing system", List.of("rojo=00f067aa0ba902b7"),
            "rojo=00f067aa0ba902b7"),
        arguments("multiple tracing systems, order kept",
            List.of("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
        arguments("several fields are one list, in order",
            List.of("rojo=1", "congo=2,baz=3"), "rojo=1,congo=2,baz=3"),
        arguments("optional whitespace around commas",
            List.of(" rojo=1 \t,\t congo=2 "), "rojo=1,congo=2"),
        arguments("empty and whitespace-only members are skipped",
            List.of(",rojo=1,, ,\t,congo=2,"), "rojo=1,congo=2"),
        arguments("an empty field is accepted", List.of("", "rojo=1", ""), "rojo=1"),
        arguments("only empty members", List.of(" , ,"), null),
        arguments("a key may start with a digit", List.of("1rojo=1"), "1rojo=1"),
        arguments("@ may end a key", List.of("foo@=1"), "foo@=1"),
        arguments("@ may repeat", List.of("foo@@bar=1,foo@bar@baz=2"), "foo@@bar=1,foo@bar@baz=2"),
        arguments("every keychar", List.of("a0_-*/@z=1"), "a0_-*/@z=1"),
        arguments("a key of 256 characters", List.of(key256 + "=1"), key256 + "=1"),
        arguments("no tenant length rule", List.of("t".repeat(242) + "@v=1"),
            "t".repeat(242) + "@v=1"),
        arguments("no vendor length rule", List.of("t@" + "v".repeat(15) + "=1"),
            "t@" + "v".repeat(15) + "=1"),
        arguments("leading spaces are part of the value", List.of("foo=  bar"), "foo=  bar"),
        arguments("trailing spaces are optional whitespace", List.of("foo=bar  "), "foo=bar"),
        arguments("a value of 256 characters", List.of("foo=" + value256), "foo=" + value256),
        arguments("32 members", List.of(members32), members32),
        arguments("a repeated key keeps its first (left-most) member",
            List.of("foo=1,bar=2,foo=3"), "foo=1,bar=2"),
        arguments("a key repeated across fields keeps the first", List.of("foo=1", "foo=2"),
            "foo=1"),
        // Whole tracestate dropped:
        arguments("a key starts with lcalpha or a digit", List.of("@foo=1,bar=2"), null),
        arguments("uppercase keys are invalid", List.of("FOO=1,bar=2"), null),
        arguments("a dot is not a keychar", List.of("foo.bar=1,bar=2"), null),
        arguments("no whitespace inside a member", List.of("foo =1,bar=2"), null),
        arguments("a key of 257 characters", List.of("foo=1", "k" + "z".repeat(256) + "=1"), null),
        arguments("a value has at least one character", List.of("foo=,bar=3"), null),
        arguments("a value of spaces only", List.of("foo=  ,bar=3"), null),
        arguments("= is not allowed in a value", List.of("foo=bar=baz"), null),
        arguments("a tab is not allowed in a value", List.of("foo=a\tb"), null),
        arguments("non-ASCII is not allowed in a value", List.of("foo=caf\u00e9"), null),
        arguments("a value of 257 characters", List.of("foo=" + value256 + "v"), null),
        arguments("a member without =", List.of("foo,bar=2"), null),
        arguments("33 members", List.of(members32, "extra=1"), null),
        arguments("33 members counting a repeated key", List.of(members32 + ",m1=again"), null));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("tracestates")
  void tracestateIsPropagatedOrDroppedWhole(String rule, List<String> fields, String expected) {
    Headers in = Headers.of("traceparent", VALID);
    fields.forEach(field -> in.add("tracestate", field));
    Headers out = roundTrip(in);
    assertThat(out.get("traceparent")).as("an invalid tracestate leaves traceparent alone")
        .isEqualTo(VALID);
    assertThat(out.get("tracestate")).isEqualTo(expected);
  }

  @Test
  void tracestateWithoutTraceparentIsNotRead() {
    Context after = propagator.extract(Context.root(),
        Headers.of("tracestate", "congo=t61rcWkgMzE"), Headers.GETTER);
    assertThat(after).isSameAs(Context.root());
  }

  @Test
  void extractedTraceStateAnswersLikeAnyTraceState() {
    TraceState state = extract(Headers.of("traceparent", VALID,
        "tracestate", "rojo=00f067aa0ba902b7,foo@=1")).getTraceState();
    assertThat(state.size()).isEqualTo(2);
    assertThat(state.isEmpty()).isFalse();
    assertThat(state.get("foo@")).isEqualTo("1");
    assertThat(state.get("congo")).isNull();
    assertThat(state.get(null)).isNull();
    assertThat(state.asMap()).containsExactly(
        Map.entry("rojo", "00f067aa0ba902b7"), Map.entry("foo@", "1"));
    assertThat(state).isEqualTo(extract(Headers.of("traceparent", VALID,
        "tracestate", "rojo=00f067aa0ba902b7 , foo@=1")).getTraceState());
    assertThat(state.hashCode()).isEqualTo(extract(Headers.of("traceparent", VALID,
        "tracestate", "rojo=00f067aa0ba902b7,foo@=1")).getTraceState().hashCode());
    assertThat(state.toString()).contains("rojo=00f067aa0ba902b7,foo@=1");
    assertThatCode(() -> state.forEach(null)).doesNotThrowAnyException();
  }

  // ---- Mutating tracestate: the builder ----

  @Test
  void anAddedKeyGoesToTheLeftAndAnUpdatedOneMovesThere() {
    TraceState state = extract(Headers.of("traceparent", VALID,
        "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")).getTraceState();
    assertThat(tracestate(state.toBuilder().put("congo", "ucfJifl5GOE").build()))
        .isEqualTo("congo=ucfJifl5GOE,rojo=00f067aa0ba902b7");
    assertThat(tracestate(state.toBuilder().put("new@", "1").remove("rojo").build()))
        .isEqualTo("new@=1,congo=t61rcWkgMzE");
    assertThat(tracestate(state.toBuilder().remove("rojo").remove("congo").build())).isNull();
  }

  @Test
  void theBuilderIgnoresWhatTheRulesRefuse() {
    TraceState state = extract(Headers.of("traceparent", VALID, "tracestate", "rojo=1"))
        .getTraceState();
    TraceState same = state.toBuilder().put("Upper", "1").put("ok", "a=b").put("ok", "")
        .put(null, "1").put("ok", null).put("ok", "trailing ").remove(null).build();
    assertThat(tracestate(same)).isEqualTo("rojo=1");
  }

  @Test
  void addingTo32MembersDropsFromTheRight() {
    TraceState state = extract(Headers.of("traceparent", VALID, "tracestate", members(32)))
        .getTraceState();
    assertThat(state.size()).isEqualTo(32);
    TraceState added = state.toBuilder().put("new", "1").build();
    assertThat(added.size()).isEqualTo(32);
    assertThat(tracestate(added)).startsWith("new=1,m1=1,").doesNotContain("m32=");
    // Removing first leaves room: nothing is truncated.
    assertThat(state.toBuilder().remove("m5").put("new", "1").build().asMap())
        .containsKey("m32").doesNotContainKey("m5");
  }

  @Test
  void addingTo32MembersDropsMembersLongerThan128CharactersFirst() {
    String longValue = "x".repeat(200);
    String list = members(10) + ",long=" + longValue + "," + members(32).substring(
        members(11).length() + 1);
    TraceState state = extract(Headers.of("traceparent", VALID, "tracestate", list))
        .getTraceState();
    assertThat(state.size()).isEqualTo(32);
    TraceState added = state.toBuilder().put("new", "1").build();
    assertThat(added.size()).isEqualTo(32);
    assertThat(added.get("long")).isNull();
    assertThat(added.get("m32")).isEqualTo("1");
  }

  // ---- Injection ----

  @Test
  void injectWritesVersion00AndTheTraceState() {
    Headers out = roundTrip(Headers.of("traceparent", VALID,
        "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"));
    assertThat(out.fields()).extracting(Map.Entry::getKey)
        .containsExactly("traceparent", "tracestate");
    assertThat(out.get("traceparent")).isEqualTo(VALID);
    assertThat(out.get("tracestate")).isEqualTo("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  }

  @Test
  void flagsThisVersionDoesNotDefineAreSentAsZero() {
    SpanContext span = SpanContext.create(TRACE_ID, PARENT_ID, TraceFlags.fromByte((byte) 0xff),
        TraceState.getDefault());
    Headers out = new Headers();
    propagator.inject(Context.root().with(Span.wrap(span)), out, Headers.SETTER);
    assertThat(out.get("traceparent")).isEqualTo("00-" + TRACE_ID + "-" + PARENT_ID + "-03");
  }

  @Test
  void anApplicationsTraceStateIsWrittenInOrder() {
    TraceState state = TraceState.builder().put("b", "2").put("a", "1").build();
    SpanContext span = SpanContext.create(TRACE_ID, PARENT_ID, TraceFlags.getSampled(), state);
    Headers out = new Headers();
    propagator.inject(Context.root().with(Span.wrap(span)), out, Headers.SETTER);
    assertThat(out.get("tracestate")).isEqualTo("a=1,b=2");
  }

  @Test
  void nothingIsInjectedWithoutAValidSpanContext() {
    Headers out = new Headers();
    propagator.inject(Context.root(), out, Headers.SETTER);
    propagator.inject(Context.root().with(Span.getInvalid()), out, Headers.SETTER);
    assertThat(out.fields()).isEmpty();
  }

  @Test
  void noTracestateFieldWhenTheTraceStateIsEmpty() {
    Headers out = roundTrip(Headers.of("traceparent", VALID, "tracestate", " , "));
    assertThat(out.all("tracestate")).isEmpty();
  }

  @Test
  void fieldsAreTraceparentAndTracestate() {
    assertThat(propagator.fields()).containsExactly("traceparent", "tracestate");
    assertThat(propagator).hasToString("W3CTraceContext");
  }

  // ---- Never throws ----

  @Test
  void nullsAndThrowingCarriersLeaveTheContextAlone() {
    Context before = Context.root().with(ContextKey.named("mark"), "kept");
    TextMapGetter<Headers> throwing = new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(Headers carrier) {
        return List.of();
      }

      @Override
      public String get(Headers carrier, String key) {
        throw new IllegalStateException("broken carrier");
      }
    };
    TextMapGetter<Headers> nulls = new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(Headers carrier) {
        return null;
      }

      @Override
      public String get(Headers carrier, String key) {
        return null;
      }

      @Override
      public Iterator<String> getAll(Headers carrier, String key) {
        return null;
      }
    };
    assertThat(propagator.extract(before, null, Headers.GETTER)).isSameAs(before);
    assertThat(propagator.extract(before, Headers.of("traceparent", VALID), null))
        .isSameAs(before);
    assertThat(propagator.extract(before, new Headers(), throwing)).isSameAs(before);
    assertThat(propagator.extract(before, new Headers(), nulls)).isSameAs(before);
    assertThat(propagator.extract(null, Headers.of("traceparent", VALID), Headers.GETTER))
        .satisfies(context -> assertThat(Span.fromContext(context).getSpanContext().getTraceId())
            .isEqualTo(TRACE_ID));
    Headers nullValue = new Headers().add("traceparent", null).add("tracestate", null);
    assertThat(propagator.extract(before, nullValue, Headers.GETTER)).isSameAs(before);

    Context traced = propagator.extract(Context.root(), Headers.of("traceparent", VALID),
        Headers.GETTER);
    assertThatCode(() -> {
      propagator.inject(traced, null, (carrier, key, value) -> {
        throw new IllegalStateException("broken carrier");
      });
      propagator.inject(traced, new Headers(), null);
      propagator.inject(null, new Headers(), Headers.SETTER);
    }).doesNotThrowAnyException();
  }

  @Test
  void hugeAndNonAsciiValuesAreIgnored() {
    String huge = "a".repeat(1 << 20);
    Headers in = Headers.of("traceparent", VALID + huge, "tracestate", huge);
    assertThat(propagator.extract(Context.root(), in, Headers.GETTER)).isSameAs(Context.root());
    Headers out = roundTrip(Headers.of("traceparent", VALID, "tracestate", "a=" + huge));
    assertThat(out.get("traceparent")).isEqualTo(VALID);
    assertThat(out.get("tracestate")).isNull();
    out = roundTrip(Headers.of("traceparent", VALID,
        "tracestate", "rojo=1," + ",".repeat(1 << 20) + "congo=2"));
    assertThat(out.get("tracestate")).isEqualTo("rojo=1,congo=2");
    assertThat(propagator.extract(Context.root(),
        Headers.of("traceparent", "\u0000\uffff\ud800" + VALID), Headers.GETTER))
        .isSameAs(Context.root());
  }

  // ---- Helpers ----

  private static SpanContext extract(Headers headers) {
    return Span.fromContext(propagator.extract(Context.root(), headers, Headers.GETTER))
        .getSpanContext();
  }

  /** What a pass-through sends on: the extracted context injected again. */
  static Headers roundTrip(Headers in) {
    Headers out = new Headers();
    propagator.inject(propagator.extract(Context.root(), in, Headers.GETTER), out,
        Headers.SETTER);
    return out;
  }

  private static String tracestate(TraceState state) {
    SpanContext span = SpanContext.create(TRACE_ID, PARENT_ID, TraceFlags.getSampled(), state);
    Headers out = new Headers();
    propagator.inject(Context.root().with(Span.wrap(span)), out, Headers.SETTER);
    return out.get("tracestate");
  }

  /** {@code m1=1,...,m<n>=1}. */
  private static String members(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "m" + i + "=1")
        .collect(Collectors.joining(","));
  }
}
