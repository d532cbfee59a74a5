package dev.aotel.runtime.otel;

import dev.aotel.runtime.internal.RateLimitedWarning;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C Baggage propagator: the {@code baggage} header as the editor's draft on w3c/baggage
 * {@code main} reads.
 *
 * <p>Extraction combines several {@code baggage} fields in order into one list. A member is
 * {@code key OWS "=" OWS value *( OWS ";" OWS property )}: the key a token (RFC 9110), the value
 * baggage-octets, percent-decoded as UTF-8 (octets that are not UTF-8 become U+FFFD, a {@code %}
 * that starts no escape stays a {@code %}), properties ({@code k=v} or {@code k}) kept, without
 * their optional whitespace, as the entry's {@link BaggageEntryMetadata}. A malformed member is
 * dropped alone; empty members are skipped. A key given twice keeps its last value (a sender
 * appends to update). Limits, as OpenTelemetry bounds baggage: at most 64 members and 8192 bytes,
 * measured on the members as this propagator would send them on; a member that would break a
 * limit is dropped (the rest is still read), never an exception, and nothing is retained beyond
 * them.
 *
 * <p>Injection writes the context's baggage, members joined by {@code ,}: keys that are not tokens
 * are skipped, values percent-encoded as UTF-8 (everything but letters, digits and {@code
 * -._~!$'()*&@:}), so any string, with spaces, commas, {@code =}, {@code %} or non-ASCII
 * characters, comes back the same from {@link #extract extract}; metadata that is not a property
 * list is left out. The same limits apply. No header when nothing is left.
 *
 * <p>Never throws: a getter or setter that throws leaves the context or carrier as it was, reported
 * on standard error at most once a minute.
 */
public final class W3CBaggage implements TextMapPropagator {
  static final String FIELD = "baggage";
  static final int MAX_MEMBERS = 64;
  static final int MAX_BYTES = 8192;

  private static final List<String> FIELDS = List.of(FIELD);
  private static final W3CBaggage INSTANCE = new W3CBaggage();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  /** Value characters sent as they are; the rest is percent-encoded (OpenTelemetry's set). */
  private static final String UNENCODED = "-._~!$'()*&@:";
  private static final RateLimitedWarning WARNING = RateLimitedWarning.perMinutes(1);

  private W3CBaggage() {}

  /** The propagator; it holds no state. */
  public static W3CBaggage getInstance() {
    return INSTANCE;
  }

  /** {@code baggage}. */
  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    try {
      Baggage baggage = Baggage.fromContext(context);
      if (baggage.isEmpty()) {
        return;
      }
      Limits header = new Limits();
      baggage.forEach((key, entry) -> {
        if (key == null || entry == null || entry.getValue() == null || !isToken(key, 0,
            key.length()) || !header.mayAdd(key.length() + 1 + entry.getValue().length())) {
          return; // every value character takes at least one header character
        }
        header.add(member(key, entry.getValue(), properties(entry)));
      });
      if (header.members > 0) {
        setter.set(carrier, FIELD, header.out.toString());
      }
    } catch (RuntimeException e) {
      warn("inject", e);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    try {
      Iterator<String> fields = getter.getAll(carrier, FIELD);
      if (fields == null || !fields.hasNext()) {
        // Most requests carry no baggage: no map made, and the parser stays off the JIT's hot path.
        return base;
      }
      Map<String, Member> members = parse(fields);
      if (members.isEmpty()) {
        return base;
      }
      BaggageBuilder baggage = Baggage.builder();
      for (Member member : members.values()) {
        baggage.put(member.key, member.value, BaggageEntryMetadata.create(member.properties));
      }
      return base.with(baggage.build());
    } catch (RuntimeException e) {
      warn("extract", e);
      return base;
    }
  }

  @Override
  public String toString() {
    return "W3CBaggage";
  }

  /** A member as received and as it would be sent on. */
  private static final class Member {
    final String key;
    final String value;
    final String properties;
    final String encoded;

    Member(String key, String value, String properties) {
      this.key = key;
      this.value = value;
      this.properties = properties;
      this.encoded = member(key, value, properties);
    }
  }

  /**
   * The well-formed members of the fields in order, within the limits, one per key (the last
   * one that fits).
   */
  static Map<String, Member> parse(Iterator<String> fields) {
    Map<String, Member> members = new LinkedHashMap<>();
    int bytes = 0; // the members' encoded lengths plus the commas between them
    while (fields != null && fields.hasNext()) {
      String field = fields.next();
      if (field == null) {
        continue;
      }
      int from = 0;
      while (from <= field.length()) {
        int comma = indexOf(field, ',', from, field.length());
        int to = comma < 0 ? field.length() : comma;
        Member member = parseMember(field, from, to);
        from = to + 1;
        if (member == null) {
          continue;
        }
        Member old = members.get(member.key);
        int size = old == null
            ? bytes + (members.isEmpty() ? 0 : 1) + member.encoded.length()
            : bytes - old.encoded.length() + member.encoded.length();
        if (size > MAX_BYTES || (old == null && members.size() == MAX_MEMBERS)) {
          continue;
        }
        members.put(member.key, member);
        bytes = size;
      }
    }
    return members;
  }

  /** The member in {@code s[from, to)}; {@code null} when empty or malformed. */
  private static Member parseMember(String s, int from, int to) {
    int start = skipOws(s, from, to);
    int end = trimOws(s, start, to);
    if (start == end) {
      return null;
    }
    int semicolon = indexOf(s, ';', start, end);
    int head = semicolon < 0 ? end : semicolon;
    int equals = indexOf(s, '=', start, head);
    if (equals < 0) {
      return null;
    }
    int keyEnd = trimOws(s, start, equals);
    int valueStart = skipOws(s, equals + 1, head);
    int valueEnd = trimOws(s, valueStart, head);
    if (!isToken(s, start, keyEnd) || !isOctets(s, valueStart, valueEnd)) {
      return null;
    }
    String properties = head == end ? "" : properties(s, head + 1, end);
    if (properties == null) {
      return null;
    }
    return new Member(s.substring(start, keyEnd), decode(s, valueStart, valueEnd), properties);
  }

  /**
   * The property list in {@code s[from, to)} ({@code property *( OWS ";" OWS property )}) without
   * its optional whitespace; {@code null} when malformed.
   */
  static String properties(String s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    int at = from;
    while (true) {
      int semicolon = indexOf(s, ';', at, to);
      int end = semicolon < 0 ? to : semicolon;
      int start = skipOws(s, at, end);
      int equals = indexOf(s, '=', start, end);
      if (equals >= 0) {
        int keyEnd = trimOws(s, start, equals);
        int valueStart = skipOws(s, equals + 1, end);
        int valueEnd = trimOws(s, valueStart, end);
        if (!isToken(s, start, keyEnd) || !isOctets(s, valueStart, valueEnd)) {
          return null;
        }
        out.append(s, start, keyEnd).append('=').append(s, valueStart, valueEnd);
      } else {
        int keyEnd = trimOws(s, start, end);
        if (!isToken(s, start, keyEnd)) {
          return null;
        }
        out.append(s, start, keyEnd);
      }
      if (end == to) {
        return out.toString();
      }
      out.append(';');
      at = end + 1;
    }
  }

  /** An entry's metadata as a property list; empty when it has none or it is not one. */
  private static String properties(BaggageEntry entry) {
    BaggageEntryMetadata metadata = entry.getMetadata();
    String value = metadata == null ? null : metadata.getValue();
    if (value == null || value.isEmpty()) {
      return "";
    }
    String properties = properties(value, 0, value.length());
    return properties == null ? "" : properties;
  }

  private static String member(String key, String value, String properties) {
    StringBuilder out = new StringBuilder(key.length() + 1 + value.length() + properties.length());
    out.append(key).append('=');
    encode(value, out);
    if (!properties.isEmpty()) {
      out.append(';').append(properties);
    }
    return out.toString();
  }

  /** UTF-8 percent-encoding; a lone surrogate is encoded as U+FFFD. */
  static void encode(String value, StringBuilder out) {
    byte[] utf8 = new byte[4];
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || UNENCODED.indexOf(c) >= 0) {
        out.append(c);
        continue;
      }
      int codePoint = c;
      if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        codePoint = Character.toCodePoint(c, value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        codePoint = 0xFFFD;
      }
      int length = utf8(codePoint, utf8);
      for (int b = 0; b < length; b++) {
        out.append('%').append(HEX[(utf8[b] >> 4) & 0xF]).append(HEX[utf8[b] & 0xF]);
      }
    }
  }

  private static int utf8(int codePoint, byte[] out) {
    if (codePoint < 0x80) {
      out[0] = (byte) codePoint;
      return 1;
    }
    if (codePoint < 0x800) {
      out[0] = (byte) (0xC0 | codePoint >> 6);
      out[1] = (byte) (0x80 | (codePoint & 0x3F));
      return 2;
    }
    if (codePoint < 0x10000) {
      out[0] = (byte) (0xE0 | codePoint >> 12);
      out[1] = (byte) (0x80 | (codePoint >> 6 & 0x3F));
      out[2] = (byte) (0x80 | (codePoint & 0x3F));
      return 3;
    }
    out[0] = (byte) (0xF0 | codePoint >> 18);
    out[1] = (byte) (0x80 | (codePoint >> 12 & 0x3F));
    out[2] = (byte) (0x80 | (codePoint >> 6 & 0x3F));
    out[3] = (byte) (0x80 | (codePoint & 0x3F));
    return 4;
  }

  /** Percent-decodes baggage-octets in {@code s[from, to)} as UTF-8. */
  static String decode(String s, int from, int to) {
    if (indexOf(s, '%', from, to) < 0) {
      return s.substring(from, to);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      int high = i + 2 < to ? hexDigit(s.charAt(i + 1)) : -1;
      int low = i + 2 < to ? hexDigit(s.charAt(i + 2)) : -1;
      if (c == '%' && high >= 0 && low >= 0) {
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        bytes.write(c); // baggage-octets are ASCII; a % that starts no escape stays one
      }
    }
    // Octets that are not UTF-8 become U+FFFD, as the recommendation requires.
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  /** The first {@code c} in {@code s[from, to)}; -1 when there is none. Never looks further. */
  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  /** {@code token = 1*tchar} over {@code s[start, end)}. */
  static boolean isToken(String s, int start, int end) {
    if (start >= end) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }

  /** {@code *baggage-octet} over {@code s[start, end)}. */
  static boolean isOctets(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static int skipOws(String s, int from, int to) {
    while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimOws(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return to;
  }

  /** A header being written within the limits. */
  private static final class Limits {
    final StringBuilder out = new StringBuilder();
    int members;

    boolean mayAdd(int minimumLength) {
      return members < MAX_MEMBERS && out.length() + (members > 0 ? 1 : 0) + minimumLength
          <= MAX_BYTES;
    }

    void add(String member) {
      if (mayAdd(member.length())) {
        if (members++ > 0) {
          out.append(',');
        }
        out.append(member);
      }
    }
  }

  private static void warn(String operation, RuntimeException e) {
    WARNING.warn("W3C baggage " + operation + " failed: " + e
        + "; the request went on without it (reported at most once a minute)");
  }
}
