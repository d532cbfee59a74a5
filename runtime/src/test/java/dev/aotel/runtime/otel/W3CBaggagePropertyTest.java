package dev.aotel.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link W3CBaggage}: parsing never throws and stays within the limits, whatever the
 * input; values of any kind round-trip; a canonical header comes out of {@code inject(extract(x))}
 * as it went in, and other spellings of it extract the same.
 */
class W3CBaggagePropertyTest {
  private static final W3CBaggage propagator = W3CBaggage.getInstance();
  private static final String TCHARS = "!#$%&'*+-.^_`|~abcdefghijklmnopqrstuvwxyz"
      + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /** Sent as they are by the propagator; everything else is percent-encoded. */
  private static final String UNENCODED = "-._~!$'()*&@:abcdefghijklmnopqrstuvwxyz"
      + "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  /** baggage-octet: US-ASCII but CTLs, whitespace, DQUOTE, comma, semicolon, backslash. */
  private static final String OCTETS = octets();
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");

  // ---- Any input ----

  @Property(tries = 2000)
  void extractionNeverThrowsAndStaysWithinTheLimits(@ForAll("anyFields") List<String> fields) {
    Headers in = new Headers();
    fields.forEach(field -> in.add("baggage", field));
    Context before = Context.root();

    Context after = propagator.extract(before, in, Headers.GETTER);

    Baggage baggage = Baggage.fromContext(after);
    if (after == before) {
      return;
    }
    assertThat(baggage.size()).isBetween(1, 64);
    baggage.forEach((key, entry) -> assertThat(key).matches(TOKEN));
    // What extraction keeps, injection sends on whole: the limits are measured the same way.
    String header = inject(baggage);
    assertThat(header.length()).isLessThanOrEqualTo(8192);
    assertThat(header.split(",", -1)).hasSize(baggage.size());
    assertThat(extract(List.of(header)).asMap()).isEqualTo(baggage.asMap());
  }

  // ---- Round trips ----

  @Property
  void anyValueRoundTrips(@ForAll("entryMaps") Map<String, List<String>> entries) {
    BaggageBuilder builder = Baggage.builder();
    entries.forEach((key, valueAndMetadata) -> builder.put(key, valueAndMetadata.get(0),
        BaggageEntryMetadata.create(valueAndMetadata.get(1))));

    Baggage back = extract(List.of(inject(builder.build())));

    Map<String, List<String>> expected = new TreeMap<>();
    entries.forEach((key, valueAndMetadata) -> expected.put(key,
        List.of(wellFormed(valueAndMetadata.get(0)), valueAndMetadata.get(1))));
    assertThat(entriesOf(back)).isEqualTo(expected);
  }

  @Property
  void aCanonicalHeaderRoundTrips(@ForAll("entryMaps") Map<String, List<String>> entries) {
    String canonical = canonical(entries);

    assertThat(inject(extract(List.of(canonical)))).isEqualTo(canonical);
  }

  @Property
  void otherSpellingsExtractTheSame(@ForAll("entryMaps") Map<String, List<String>> entries,
      @ForAll Random random) {
    List<String> fields = respell(entries, random);

    assertThat(inject(extract(fields))).isEqualTo(canonical(entries));
  }

  @Property
  void aMalformedMemberIsDroppedAlone(@ForAll("entryMaps") Map<String, List<String>> entries,
      @ForAll("malformedMembers") String malformed, @ForAll Random random) {
    List<String> members = new ArrayList<>(List.of(canonical(entries).split(",")));
    members.add(random.nextInt(members.size() + 1), malformed);

    assertThat(inject(extract(List.of(String.join(",", members)))))
        .isEqualTo(canonical(entries));
  }

  // ---- Generators ----

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(12);
  }

  /** Any string: ASCII with the characters that need encoding, any Unicode, lone surrogates. */
  @Provide
  Arbitrary<String> anyValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars(" ,;=%\"\\\t+/?#&" + TCHARS).ofMaxLength(20),
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.of("", " ", "100%", "%25", "%zz", "a=b", "DF 28", "caf\u00e9",
            "\ud83d\ude00", "\ud800", "\udc00x"));
  }

  /** A canonical property list: {@code k=v} or {@code k}, joined by {@code ;}; or none. */
  @Provide
  Arbitrary<String> propertyLists() {
    Arbitrary<String> property = Arbitraries.oneOf(tokens(),
        Combinators.combine(tokens(), Arbitraries.strings().withChars(OCTETS).ofMaxLength(10))
            .as((key, value) -> key + "=" + value));
    return Arbitraries.oneOf(Arbitraries.just(""),
        property.list().ofMinSize(1).ofMaxSize(3).map(list -> String.join(";", list)));
  }

  /** Key to value and metadata, few and short enough for the limits. */
  @Provide
  Arbitrary<Map<String, List<String>>> entryMaps() {
    return Arbitraries.maps(tokens(), Combinators.combine(anyValues(), propertyLists())
            .as(List::of))
        .ofMinSize(1).ofMaxSize(16).map(TreeMap::new);
  }

  @Provide
  Arbitrary<String> malformedMembers() {
    return Arbitraries.oneOf(
        tokens(),
        tokens().map(key -> key + "=a b"),
        tokens().map(key -> key + "=a\"b"),
        tokens().map(key -> key + "=caf\u00e9"),
        tokens().map(key -> key + "=v;"),
        tokens().map(key -> key + "=v;p q"),
        tokens().map(key -> key + "=v;;p"),
        tokens().map(key -> "=" + key),
        tokens().map(key -> key + " x=v"),
        tokens().map(key -> key + "\u00e9=v"),
        tokens().map(key -> key + "=a\\b"));
  }

  @Provide
  Arbitrary<List<String>> anyFields() {
    Arbitrary<String> valid = entryMaps().map(W3CBaggagePropertyTest::canonical);
    Arbitrary<String> many = Arbitraries.integers().between(60, 80).map(n ->
        IntStream.range(0, n).mapToObj(i -> "k" + i + "=" + "v".repeat(i * 3))
            .collect(Collectors.joining(",")));
    Arbitrary<String> big = Arbitraries.integers().between(8000, 9000)
        .map(n -> "big=" + "%41".repeat(n / 3) + ",small=1," + "x=" + "y".repeat(n));
    return Arbitraries.oneOf(valid, many, big, Arbitraries.strings().all().ofMaxLength(120),
            Arbitraries.strings().withChars("a=;,% \t\"2F").ofMaxLength(60),
            Combinators.combine(valid, Arbitraries.strings().all().ofMaxLength(5),
                    Arbitraries.integers().between(0, 400))
                .as((value, junk, at) -> value.substring(0, Math.min(at, value.length())) + junk
                    + value.substring(Math.min(at, value.length()))))
        .list().ofMaxSize(4);
  }

  // ---- The reference: what the canonical header is ----

  /** Members sorted by key (the API's Baggage keeps keys in order), values UTF-8 encoded. */
  static String canonical(Map<String, List<String>> entries) {
    return new TreeMap<>(entries).entrySet().stream()
        .map(entry -> entry.getKey() + "=" + encode(entry.getValue().get(0))
            + (entry.getValue().get(1).isEmpty() ? "" : ";" + entry.getValue().get(1)))
        .collect(Collectors.joining(","));
  }

  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : wellFormed(value).getBytes(StandardCharsets.UTF_8)) {
      if (b >= 0 && UNENCODED.indexOf(b) >= 0) {
        out.append((char) b);
      } else {
        out.append(String.format("%%%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** The same entries spelled otherwise: whitespace, lowercase and needless escapes, split. */
  private static List<String> respell(Map<String, List<String>> entries, Random random) {
    String[] ows = {"", "", " ", "\t", "  \t"};
    List<String> members = new ArrayList<>();
    entries.forEach((key, valueAndMetadata) -> {
      StringBuilder member = new StringBuilder()
          .append(ows[random.nextInt(ows.length)]).append(key)
          .append(ows[random.nextInt(ows.length)]).append('=')
          .append(ows[random.nextInt(ows.length)]);
      for (byte b : wellFormed(valueAndMetadata.get(0)).getBytes(StandardCharsets.UTF_8)) {
        boolean asIs = b >= 0 && OCTETS.indexOf(b) >= 0 && b != '%';
        if (asIs && random.nextBoolean()) {
          member.append((char) b);
        } else {
          String hex = String.format("%02X", b & 0xff);
          member.append('%').append(random.nextBoolean() ? hex : hex.toLowerCase());
        }
      }
      String metadata = valueAndMetadata.get(1);
      if (!metadata.isEmpty()) {
        for (String property : metadata.split(";")) {
          member.append(ows[random.nextInt(ows.length)]).append(';')
              .append(ows[random.nextInt(ows.length)])
              .append(property.indexOf('=') < 0 ? property
                  : property.substring(0, property.indexOf('=')) + ows[random.nextInt(ows.length)]
                      + "=" + ows[random.nextInt(ows.length)]
                      + property.substring(property.indexOf('=') + 1));
        }
      }
      members.add(member.append(ows[random.nextInt(ows.length)]).toString());
    });
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (String member : members) {
      if (field.length() > 0) {
        field.append(random.nextInt(4) == 0 ? ", ," : ",");
      }
      field.append(member);
      if (random.nextInt(3) == 0) {
        fields.add(field.toString());
        field.setLength(0);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** Lone surrogates, which UTF-8 cannot carry, as U+FFFD. */
  static String wellFormed(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\ufffd' : c);
      }
    }
    return out.toString();
  }

  private static String octets() {
    StringBuilder out = new StringBuilder();
    for (char c = 0x21; c <= 0x7e; c++) {
      if (c != '"' && c != ',' && c != ';' && c != '\\') {
        out.append(c);
      }
    }
    return out.toString();
  }

  // ---- Helpers ----

  private static Baggage extract(List<String> fields) {
    Headers in = new Headers();
    fields.forEach(field -> in.add("baggage", field));
    return Baggage.fromContext(propagator.extract(Context.root(), in, Headers.GETTER));
  }

  private static String inject(Baggage baggage) {
    Headers out = new Headers();
    propagator.inject(Context.root().with(baggage), out, Headers.SETTER);
    String header = out.get("baggage");
    return header == null ? "" : header;
  }

  private static Map<String, List<String>> entriesOf(Baggage baggage) {
    Map<String, List<String>> entries = new TreeMap<>();
    baggage.forEach((key, entry) -> entries.put(key,
        List.of(entry.getValue(), entry.getMetadata().getValue())));
    return entries;
  }
}
