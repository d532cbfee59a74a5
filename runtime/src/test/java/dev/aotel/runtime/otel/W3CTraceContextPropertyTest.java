package dev.aotel.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;

/**
 * Properties of {@link W3CTraceContext}: parsing never throws and never yields an invalid context,
 * whatever the input; valid input comes out of {@code inject(extract(x))} as its canonical form.
 */
class W3CTraceContextPropertyTest {
  private static final W3CTraceContext propagator = W3CTraceContext.getInstance();
  private static final String LOWER_HEX = "0123456789abcdef";
  private static final String KEYCHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-*/@";
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_\\-*/@]{0,255}");
  private static final Pattern VALUE = Pattern.compile(
      "[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

  // ---- Any input ----

  @Property(tries = 2000)
  void extractionNeverThrowsNorYieldsAnInvalidContext(
      @ForAll("traceparents") List<String> traceparents,
      @ForAll("tracestates") List<String> tracestates) {
    Headers in = new Headers();
    traceparents.forEach(value -> in.add("traceparent", value));
    tracestates.forEach(value -> in.add("tracestate", value));
    Context before = Context.root();

    Context after = propagator.extract(before, in, Headers.GETTER);

    if (after == before) {
      return; // nothing usable: a new trace
    }
    SpanContext parent = Span.fromContext(after).getSpanContext();
    assertThat(traceparents).hasSize(1);
    assertThat(traceparents.get(0)).as("a comma means combined fields").doesNotContain(",");
    assertThat(parent.isValid()).isTrue();
    assertThat(parent.isRemote()).isTrue();
    assertThat(traceparents.get(0)).contains(
        parent.getTraceId() + "-" + parent.getSpanId() + "-");
    assertThat(parent.getTraceState().size()).isLessThanOrEqualTo(32);
    parent.getTraceState().forEach((key, value) -> {
      assertThat(key).matches(KEY);
      assertThat(value).matches(VALUE);
    });
    // Whatever was accepted can be sent on, and reads back the same.
    Headers out = new Headers();
    propagator.inject(after, out, Headers.SETTER);
    SpanContext again = Span.fromContext(propagator.extract(Context.root(), out, Headers.GETTER))
        .getSpanContext();
    assertThat(again.getTraceId()).isEqualTo(parent.getTraceId());
    assertThat(again.getSpanId()).isEqualTo(parent.getSpanId());
    assertThat(again.getTraceState().asMap()).isEqualTo(parent.getTraceState().asMap());
  }

  // ---- Valid input: inject(extract(x)) is x's canonical form ----

  @Property
  void aValidTraceparentRoundTrips(@ForAll("traceIds") String traceId,
      @ForAll("parentIds") String parentId, @ForAll("bytes") int version,
      @ForAll("bytes") int flags,
      @ForAll("ows") String before, @ForAll("ows") String after,
      @ForAll("futureFields") String future) {
    String value = before + hex(version) + "-" + traceId + "-" + parentId + "-" + hex(flags)
        + (version == 0 ? "" : future) + after;

    Headers out = W3CTraceContextTest.roundTrip(Headers.of("traceparent", value));

    assertThat(out.get("traceparent"))
        .isEqualTo("00-" + traceId + "-" + parentId + "-" + hex(flags & 0x03));
  }

  @Property
  void aValidTracestateRoundTrips(@ForAll("memberLists") List<String> members,
      @ForAll Random random) {
    Headers in = Headers.of("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01");
    render(members, random).forEach(field -> in.add("tracestate", field));

    Headers out = W3CTraceContextTest.roundTrip(in);

    assertThat(out.get("tracestate")).isEqualTo(String.join(",", members));
  }

  @Property
  void aRepeatedKeyKeepsItsFirstMember(@ForAll("memberLists") List<String> generated,
      @ForAll Random random) {
    List<String> members = generated.subList(0, Math.min(generated.size(), 31));
    int first = random.nextInt(members.size());
    String key = members.get(first).substring(0, members.get(first).indexOf('='));
    List<String> received = new ArrayList<>(members);
    received.add(first + 1 + random.nextInt(members.size() - first), key + "=other");
    Headers in = Headers.of("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01");
    render(received, random).forEach(field -> in.add("tracestate", field));

    Headers out = W3CTraceContextTest.roundTrip(in);

    assertThat(out.get("tracestate")).isEqualTo(String.join(",", members));
  }

  @Property
  void oneBadMemberDropsTheWholeTracestate(@ForAll("memberLists") List<String> members,
      @ForAll("badMembers") String bad, @ForAll Random random) {
    List<String> received = new ArrayList<>(members);
    received.add(random.nextInt(received.size() + 1), bad);
    String traceparent = "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01";
    Headers in = Headers.of("traceparent", traceparent);
    render(received, random).forEach(field -> in.add("tracestate", field));

    Headers out = W3CTraceContextTest.roundTrip(in);

    assertThat(out.get("traceparent")).isEqualTo(traceparent);
    assertThat(out.get("tracestate")).isNull();
  }

  @Property
  void moreThan32MembersDropTheWholeTracestate(@ForAll("longMemberLists") List<String> members,
      @ForAll Random random) {
    Headers in = Headers.of("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01");
    render(members, random).forEach(field -> in.add("tracestate", field));

    assertThat(W3CTraceContextTest.roundTrip(in).get("tracestate")).isNull();
  }

  // ---- Generators ----

  @Provide
  Arbitrary<String> traceIds() {
    return Arbitraries.strings().withChars(LOWER_HEX).ofLength(32)
        .filter(id -> !id.equals("0".repeat(32)));
  }

  @Provide
  Arbitrary<String> parentIds() {
    return Arbitraries.strings().withChars(LOWER_HEX).ofLength(16)
        .filter(id -> !id.equals("0".repeat(16)));
  }

  @Provide
  Arbitrary<Integer> bytes() {
    return Arbitraries.integers().between(0, 0xfe);
  }

  @Provide
  Arbitrary<String> ows() {
    return Arbitraries.strings().withChars(" \t").ofMaxLength(3);
  }

  /** What a higher version may add: nothing, or a dash and anything but a comma. */
  @Provide
  Arbitrary<String> futureFields() {
    return Arbitraries.oneOf(Arbitraries.just(""),
        Arbitraries.strings().all().ofMaxLength(30).filter(s -> s.indexOf(',') < 0)
            .map(s -> "-" + s));
  }

  @Provide
  Arbitrary<List<String>> traceparents() {
    Arbitrary<String> valid = Combinators.combine(bytes(), traceIds(), parentIds(), bytes(),
            futureFields())
        .as((version, traceId, parentId, flags, future) -> hex(version) + "-" + traceId + "-"
            + parentId + "-" + hex(flags) + (version == 0 ? "" : future));
    Arbitrary<String> zeros = Combinators.combine(bytes(), traceIds(), parentIds(),
            Arbitraries.integers().between(0, 2))
        .as((version, traceId, parentId, which) -> hex(version) + "-"
            + (which == 1 ? traceId : "0".repeat(32)) + "-"
            + (which == 0 ? parentId : "0".repeat(16)) + "-01");
    Arbitrary<String> combined = Combinators.combine(valid, valid, ows())
        .as((first, second, space) -> first + "," + space + second);
    Arbitrary<String> one = Arbitraries.oneOf(valid, mutated(valid), zeros, combined,
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withChars(LOWER_HEX + "-, \tF").ofMinLength(50).ofMaxLength(70));
    return Arbitraries.frequencyOf(
        Tuple.of(8, one.list().ofSize(1)),
        Tuple.of(1, one.list().ofMaxSize(3)));
  }

  @Provide
  Arbitrary<List<String>> tracestates() {
    Arbitrary<String> valid = memberLists().map(members -> String.join(",", members));
    return Arbitraries.oneOf(valid, mutated(valid), Arbitraries.strings().all().ofMaxLength(100),
            Arbitraries.strings().withChars("ab1@=, \t").ofMaxLength(40))
        .list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> first =
        Arbitraries.strings().withChars(KEYCHARS.substring(0, 36)).ofLength(1);
    Arbitrary<String> rest = Arbitraries.oneOf(
        Arbitraries.strings().withChars(KEYCHARS).ofMaxLength(12),
        Arbitraries.strings().withChars(KEYCHARS).ofMinLength(200).ofMaxLength(255));
    return Combinators.combine(first, rest).as(String::concat);
  }

  @Provide
  Arbitrary<String> values() {
    StringArbitrary chars = Arbitraries.strings().withCharRange((char) 0x20, (char) 0x7e)
        .excludeChars(',', '=');
    Arbitrary<String> last = chars.ofLength(1).filter(c -> !c.equals(" "));
    Arbitrary<String> body = Arbitraries.oneOf(chars.ofMaxLength(12), chars.ofLength(255));
    return Combinators.combine(body, last).as(String::concat);
  }

  @Provide
  Arbitrary<List<String>> memberLists() {
    return Combinators.combine(keys(), values()).as((key, value) -> key + "=" + value)
        .list().ofMinSize(1).ofMaxSize(32).uniqueElements(member -> member.split("=")[0]);
  }

  @Provide
  Arbitrary<List<String>> longMemberLists() {
    return Arbitraries.integers().between(33, 40)
        .map(n -> IntStream.rangeClosed(1, n).mapToObj(i -> "m" + i + "=" + i)
            .collect(Collectors.toList()));
  }

  @Provide
  Arbitrary<String> badMembers() {
    return Arbitraries.oneOf(
        values().map(value -> "@foo=" + value),
        values().map(value -> "Foo=" + value),
        values().map(value -> "foo.bar=" + value),
        values().map(value -> "foo =" + value),
        values().map(value -> "=" + value),
        keys().map(key -> key + "="),
        keys().map(key -> key + "= "),
        keys().map(key -> key + "=a=b"),
        keys().map(key -> key + "=a\tb"),
        keys().map(key -> key + "=caf\u00e9"),
        keys().map(key -> key + "=" + "v".repeat(257)),
        Arbitraries.just("k" + "z".repeat(256) + "=1"),
        keys());
  }

  /** A valid value with one character replaced, inserted or deleted. */
  private static Arbitrary<String> mutated(Arbitrary<String> valid) {
    Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().all(),
        Arbitraries.of('-', ',', '=', ' ', '\t', '0', 'f', 'F', '@', '\u0661'));
    return Combinators.combine(valid, Arbitraries.integers().between(0, 1000), chars,
            Arbitraries.integers().between(0, 2))
        .as((value, at, c, how) -> {
          int i = value.isEmpty() ? 0 : at % value.length();
          switch (how) {
            case 0:
              return value.isEmpty() ? String.valueOf(c)
                  : value.substring(0, i) + c + value.substring(i + 1);
            case 1:
              return value.substring(0, i) + c + value.substring(i);
            default:
              return value.isEmpty() ? value : value.substring(0, i) + value.substring(i + 1);
          }
        });
  }

  /**
   * The members as received: optional whitespace around each, empty members between them, split
   * over several fields.
   */
  static List<String> render(List<String> members, Random random) {
    String[] ows = {"", "", " ", "\t", " \t "};
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (String member : members) {
      if (field.length() > 0 || random.nextInt(4) == 0) {
        field.append(',');
        if (random.nextInt(5) == 0) {
          field.append(ows[random.nextInt(ows.length)]).append(',');
        }
      }
      field.append(ows[random.nextInt(ows.length)]).append(member)
          .append(ows[random.nextInt(ows.length)]);
      if (random.nextInt(4) == 0) {
        fields.add(field.toString());
        field.setLength(0);
        if (random.nextInt(5) == 0) {
          fields.add(ows[random.nextInt(ows.length)]);
        }
      }
    }
    if (field.length() > 0 || fields.isEmpty()) {
      fields.add(field.toString());
    }
    return fields;
  }

  private static String hex(int b) {
    return String.format("%02x", b);
  }
}
