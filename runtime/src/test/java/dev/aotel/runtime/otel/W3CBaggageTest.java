package dev.aotel.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases taken from the text of W3C Baggage (editor's draft on w3c/baggage main). */
class W3CBaggageTest {
  private static final W3CBaggage propagator = W3CBaggage.getInstance();

  /** Each expected entry: key, then value, then metadata. */
  static Stream<Arguments> headers() {
    return Stream.of(
        arguments("the example with properties",
            List.of("key1=value1;property1;property2, key2 = value2, key3=value3; "
                + "propertyKey=propertyValue"),
            List.of("key1", "value1", "property1;property2", "key2", "value2", "",
                "key3", "value3", "propertyKey=propertyValue")),
        arguments("a single header",
            List.of("userId=alice,serverNode=DF%2028,isProduction=false"),
            List.of("userId", "alice", "", "serverNode", "DF 28", "",
                "isProduction", "false", "")),
        arguments("split into multiple headers",
            List.of("userId=alice", "serverNode=DF%2028,isProduction=false"),
            List.of("userId", "alice", "", "serverNode", "DF 28", "",
                "isProduction", "false", "")),
        arguments("names and values begin and end with spaces",
            List.of("userId =   alice", "serverNode = DF%2028, isProduction = false"),
            List.of("userId", "alice", "", "serverNode", "DF 28", "",
                "isProduction", "false", "")),
        arguments("a value may contain =", List.of("k=a=b=="), List.of("k", "a=b==", "")),
        arguments("an empty value", List.of("k="), List.of("k", "", "")),
        arguments("a key is any token", List.of("!#$%&'*+-.^_`|~Az09=1"),
            List.of("!#$%&'*+-.^_`|~Az09", "1", "")),
        arguments("keys are case sensitive", List.of("k=1,K=2"),
            List.of("k", "1", "", "K", "2", "")),
        arguments("properties lose their optional whitespace",
            List.of("k=v ;\tp1 = x ; p2 ;p3=\t"), List.of("k", "v", "p1=x;p2;p3=")),
        arguments("property values are kept as they are", List.of("k=v;p=%20a=b"),
            List.of("k", "v", "p=%20a=b")),
        arguments("UTF-8 is percent-decoded", List.of("k=%E2%9C%93%20caf%c3%a9"),
            List.of("k", "\u2713 caf\u00e9", "")),
        arguments("octets that are not UTF-8 become U+FFFD", List.of("k=a%FFb"),
            List.of("k", "a\ufffdb", "")),
        arguments("a % that starts no escape stays", List.of("k=100%,l=%4,m=%zz"),
            List.of("k", "100%", "", "l", "%4", "", "m", "%zz", "")),
        arguments("empty members are skipped", List.of(",a=1,, ,\t,b=2,", ""),
            List.of("a", "1", "", "b", "2", "")),
        arguments("a key given twice keeps its last value", List.of("k=1,l=2", "k=3"),
            List.of("k", "3", "", "l", "2", "")),
        // Malformed members dropped alone:
        arguments("a member without =", List.of("a=1,b,c=3"), List.of("a", "1", "", "c", "3", "")),
        arguments("an empty key", List.of("=1,c=3"), List.of("c", "3", "")),
        arguments("a key that is not a token", List.of("a b=1,k@=2,c=3"), List.of("c", "3", "")),
        arguments("whitespace inside a value", List.of("a=1 2,c=3"), List.of("c", "3", "")),
        arguments("a DQUOTE, backslash or control character in a value",
            List.of("a=\"1\",b=1\\2,d=\u00012,c=3"), List.of("c", "3", "")),
        arguments("raw non-ASCII in a value", List.of("a=caf\u00e9,c=3"), List.of("c", "3", "")),
        arguments("an empty property", List.of("a=1;,b=1;;p,c=3"), List.of("c", "3", "")),
        arguments("a property key that is not a token", List.of("a=1;p q=1,c=3"),
            List.of("c", "3", "")),
        arguments("a property value that is not baggage-octets", List.of("a=1;p=\"x\",c=3"),
            List.of("c", "3", "")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("headers")
  void extractsTheWellFormedMembers(String rule, List<String> fields, List<String> expected) {
    Headers in = new Headers();
    fields.forEach(field -> in.add("baggage", field));
    Map<String, List<String>> entries = new LinkedHashMap<>();
    Baggage.fromContext(propagator.extract(Context.root(), in, Headers.GETTER))
        .forEach((key, entry) -> entries.put(key,
            List.of(entry.getValue(), entry.getMetadata().getValue())));
    Map<String, List<String>> wanted = new LinkedHashMap<>();
    for (int i = 0; i < expected.size(); i += 3) {
      wanted.put(expected.get(i), List.of(expected.get(i + 1), expected.get(i + 2)));
    }
    assertThat(entries).isEqualTo(wanted);
  }

  @Test
  void noWellFormedMemberLeavesTheContextAlone() {
    Context before = Context.root().with(Baggage.builder().put("mine", "1").build());
    Context after = propagator.extract(before, Headers.of("baggage", "b c=1, ,"), Headers.GETTER);
    assertThat(after).isSameAs(before);
    assertThat(propagator.extract(before, new Headers(), Headers.GETTER)).isSameAs(before);
  }

  @Test
  void extractedBaggageReplacesTheContextsBaggage() {
    Context before = Context.root().with(Baggage.builder().put("mine", "1").build());
    Baggage after = Baggage.fromContext(
        propagator.extract(before, Headers.of("baggage", "k=v"), Headers.GETTER));
    assertThat(after.asMap()).containsOnlyKeys("k");
  }

  // ---- Limits: 64 members, 8192 bytes ----

  @Test
  void atMost64MembersAreKept() {
    Baggage baggage = extract(members(64, 1) + "," + members(70, 65));
    assertThat(baggage.size()).isEqualTo(64);
    assertThat(baggage.getEntryValue("k64")).isEqualTo("1");
    assertThat(baggage.getEntryValue("k65")).isNull();
    // A repeated key is no new member: it still replaces.
    assertThat(extract(members(64, 1) + ",k1=2").getEntryValue("k1")).isEqualTo("2");
  }

  @Test
  void atMost8192BytesAreKept() {
    // 7 members of 1023 bytes, 6 commas, 1 comma and a last member that makes 8192 exactly.
    String members = IntStream.range(0, 7).mapToObj(i -> "k" + i + "=" + "v".repeat(1020))
        .collect(Collectors.joining(","));
    String last = "kl=" + "v".repeat(8192 - members.length() - 1 - 3);
    assertThat(members.length() + 1 + last.length()).isEqualTo(8192);
    assertThat(extract(members + "," + last).size()).isEqualTo(8);
    Baggage over = extract(members + "," + last + "v" + ",small=1");
    assertThat(over.getEntryValue("kl")).isNull();
    assertThat(over.getEntryValue("small")).as("what still fits is kept").isEqualTo("1");
    assertThat(inject(over).length()).isLessThanOrEqualTo(8192);
  }

  @Test
  void bytesAreCountedAsTheyWouldBeSentOn() {
    // 3 bytes received ("%41") are 1 byte sent ("A"); whitespace is not sent.
    String value = "%41".repeat(8000);
    Baggage baggage = extract("k = " + value);
    assertThat(baggage.getEntryValue("k")).hasSize(8000);
    // "%FF" becomes U+FFFD, sent as 9 bytes: over the limit.
    assertThat(extract("k=" + "%FF".repeat(1000)).isEmpty()).isTrue();
  }

  @Test
  void aHugeHeaderIsReadWithinTheLimits() {
    String huge = "k=" + "v".repeat(1 << 20) + "," + ",".repeat(1 << 16) + members(100, 1);
    Baggage baggage = extract(huge);
    assertThat(baggage.size()).isEqualTo(64);
    assertThat(baggage.getEntryValue("k")).isNull();
  }

  // ---- Injection ----

  @Test
  void valuesArePercentEncodedAsUtf8() {
    Baggage baggage = Baggage.builder()
        .put("a", "DF 28")
        .put("b", "x,y;z=1%\"\\")
        .put("c", "caf\u00e9 \u2713 \ud83d\ude00")
        .put("d", "-._~!$'()*&@:azAZ09")
        .put("e", "")
        .put("f", "lone \ud800 surrogate")
        .build();
    assertThat(inject(baggage)).isEqualTo("a=DF%2028,b=x%2Cy%3Bz%3D1%25%22%5C,"
        + "c=caf%C3%A9%20%E2%9C%93%20%F0%9F%98%80,d=-._~!$'()*&@:azAZ09,e=,"
        + "f=lone%20%EF%BF%BD%20surrogate");
  }

  @Test
  void metadataIsWrittenAsAPropertyList() {
    Baggage baggage = Baggage.builder()
        .put("a", "1", BaggageEntryMetadata.create("p1;p2=x"))
        .put("b", "2", BaggageEntryMetadata.create(" p = x ; q "))
        .put("c", "3", BaggageEntryMetadata.create("not a property list"))
        .build();
    assertThat(inject(baggage)).isEqualTo("a=1;p1;p2=x,b=2;p=x;q,c=3");
  }

  @Test
  void keysThatAreNotTokensAreSkipped() {
    Baggage baggage = Baggage.builder().put("bad key", "1").put("k\u00e9", "2").put("ok", "3")
        .build();
    assertThat(inject(baggage)).isEqualTo("ok=3");
  }

  @Test
  void injectionKeepsTheLimits() {
    BaggageBuilder many = Baggage.builder();
    IntStream.range(0, 100).forEach(i -> many.put(String.format("k%03d", i), "1"));
    assertThat(inject(many.build()).split(",")).hasSize(64);

    Baggage big = Baggage.builder().put("a", "v".repeat(5000)).put("b", "v".repeat(5000))
        .put("c", "1").build();
    String header = inject(big);
    assertThat(header).startsWith("a=").endsWith(",c=1").doesNotContain("b=");
    assertThat(header.length()).isLessThanOrEqualTo(8192);
  }

  @Test
  void valuesRoundTrip() {
    Map<String, String> values = Map.of(
        "space", " lead and trail ", "comma", "a,b", "equals", "a=b", "percent", "100%25",
        "semicolon", "a;b", "utf8", "\u00e9\u4e2d\ud83d\ude00", "empty", "");
    BaggageBuilder builder = Baggage.builder();
    values.forEach(builder::put);
    Headers carrier = new Headers();
    propagator.inject(Context.root().with(builder.build()), carrier, Headers.SETTER);
    Baggage back = Baggage.fromContext(propagator.extract(Context.root(), carrier,
        Headers.GETTER));
    Map<String, String> backValues = new LinkedHashMap<>();
    back.forEach((key, entry) -> backValues.put(key, entry.getValue()));
    assertThat(backValues).isEqualTo(values);
  }

  @Test
  void noHeaderWithoutBaggage() {
    Headers out = new Headers();
    propagator.inject(Context.root(), out, Headers.SETTER);
    propagator.inject(Context.root().with(Baggage.builder().put("bad key", "1").build()), out,
        Headers.SETTER);
    assertThat(out.fields()).isEmpty();
  }

  @Test
  void fieldsAreBaggage() {
    assertThat(propagator.fields()).containsExactly("baggage");
    assertThat(propagator).hasToString("W3CBaggage");
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
    assertThat(propagator.extract(before, null, Headers.GETTER)).isSameAs(before);
    assertThat(propagator.extract(before, Headers.of("baggage", "k=v"), null)).isSameAs(before);
    assertThat(propagator.extract(before, new Headers(), throwing)).isSameAs(before);
    assertThat(propagator.extract(before, new Headers().add("baggage", null), Headers.GETTER))
        .isSameAs(before);
    assertThat(Baggage.fromContext(
        propagator.extract(null, Headers.of("baggage", "k=v"), Headers.GETTER)).size())
        .isEqualTo(1);
    Context withBaggage = Context.root().with(Baggage.builder().put("k", "v").build());
    assertThatCode(() -> {
      propagator.inject(withBaggage, null, (carrier, key, value) -> {
        throw new IllegalStateException("broken carrier");
      });
      propagator.inject(withBaggage, new Headers(), null);
      propagator.inject(null, new Headers(), Headers.SETTER);
    }).doesNotThrowAnyException();
  }

  // ---- Helpers ----

  private static Baggage extract(String header) {
    return Baggage.fromContext(propagator.extract(Context.root(), Headers.of("baggage", header),
        Headers.GETTER));
  }

  private static String inject(Baggage baggage) {
    Headers out = new Headers();
    propagator.inject(Context.root().with(baggage), out, Headers.SETTER);
    return out.get("baggage");
  }

  /** {@code k<from>=1,...,k<to>=1}. */
  private static String members(int to, int from) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> "k" + i + "=1")
        .collect(Collectors.joining(","));
  }
}
