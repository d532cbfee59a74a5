package dev.aotel.runtime.otel;

import dev.aotel.runtime.internal.RateLimitedWarning;
import io.opentelemetry.api.internal.ImmutableSpanContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The W3C Trace Context propagator: {@code traceparent} and {@code tracestate} as the editor's
 * draft on w3c/trace-context {@code main} reads (Trace Context Level 2, which supersedes the 2021
 * Level 1 Recommendation where they differ).
 *
 * <p>Extraction:
 *
 * <ul>
 *   <li>{@code traceparent} version {@code 00} is parsed strictly: exactly 55 characters, lowercase
 *       hex, a trace id and a parent id that are not all zeros. Optional whitespace around the
 *       value is not part of it (the official test suite sends some). A higher version is parsed
 *       by the rules for future versions: the first 55 characters as for {@code 00}, then either
 *       the end or a {@code -} after which nothing is read; only the flags this version defines
 *       (sampled, random trace id) are kept. Version {@code ff} is invalid.
 *   <li>Several {@code traceparent} fields (the getter's {@code getAll} gives more than one, or one
 *       value holds a comma, as combined fields do) or an invalid one mean a new trace: the
 *       context comes back unchanged and {@code tracestate} is not read.
 *   <li>{@code tracestate} fields are one list, in order. Optional whitespace around members,
 *       empty and whitespace-only members and empty fields are allowed and skipped. Keys follow
 *       {@code key = ( lcalpha / DIGIT ) 0*255 ( keychar )}; values are 1 to 256 printable ASCII
 *       characters but {@code ,} and {@code =}, not ending in a space. One bad member, or more
 *       than 32 {@code key=value} members, makes the whole {@code tracestate} invalid: it is
 *       dropped and the {@code traceparent} still used. A key repeated in the list keeps its first
 *       (left-most, the most recently written) member: {@link TraceState} holds one value per key.
 * </ul>
 *
 * <p>Extracted members are held in a {@link TraceState} of this class's own, because the API's
 * default builder still applies the older {@code tenant@vendor} key rules (it would refuse {@code
 * foo@}, {@code foo@@bar}, {@code 1foo}). Its {@link TraceState#toBuilder() builder} adds members
 * on the left and, only when an addition makes more than 32, removes members longer than 128
 * characters and then members from the right, as the recommendation asks.
 *
 * <p>Injection writes {@code 00-<trace-id>-<parent-id>-<flags>} for a valid span context in the
 * given context (flags this version does not define written as zero) and its trace state, members
 * joined by {@code ,}; no {@code tracestate} when there are none.
 *
 * <p>Never throws: malformed input is ignored, and a getter or setter that throws leaves the
 * context or carrier as it was, reported on standard error at most once a minute.
 */
public final class W3CTraceContext implements TextMapPropagator {
  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";
  /** The trace-flags bits this version defines: sampled (0x01) and random trace id (0x02). */
  static final int KNOWN_FLAGS = 0x03;
  /** At most this many members in a {@code tracestate}. */
  static final int MAX_MEMBERS = 32;
  /** Members longer than this are the first to go when an addition truncates. */
  static final int LONG_MEMBER = 128;
  static final int MAX_KEY_LENGTH = 256;
  static final int MAX_VALUE_LENGTH = 256;

  private static final int TRACEPARENT_LENGTH = 55;
  private static final int TRACE_ID_OFFSET = 3;
  private static final int TRACE_ID_LENGTH = 32;
  private static final int PARENT_ID_OFFSET = 36;
  private static final int PARENT_ID_LENGTH = 16;
  private static final int FLAGS_OFFSET = 53;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final List<String> FIELDS = List.of(TRACEPARENT, TRACESTATE);
  private static final W3CTraceContext INSTANCE = new W3CTraceContext();
  private static final RateLimitedWarning WARNING = RateLimitedWarning.perMinutes(1);

  private W3CTraceContext() {}

  /** The propagator; it holds no state. */
  public static W3CTraceContext getInstance() {
    return INSTANCE;
  }

  /** {@code traceparent} and {@code tracestate}. */
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
      SpanContext span = Span.fromContext(context).getSpanContext();
      String traceparent = traceparent(span);
      if (traceparent == null) {
        return;
      }
      String tracestate = tracestate(span.getTraceState());
      setter.set(carrier, TRACEPARENT, traceparent);
      if (!tracestate.isEmpty()) {
        setter.set(carrier, TRACESTATE, tracestate);
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
      SpanContext parent = parent(carrier, getter);
      return parent == null ? base : base.with(Span.wrap(parent));
    } catch (RuntimeException e) {
      warn("extract", e);
      return base;
    }
  }

  @Override
  public String toString() {
    return "W3CTraceContext";
  }

  private static <C> SpanContext parent(C carrier, TextMapGetter<C> getter) {
    String traceparent = single(getter.getAll(carrier, TRACEPARENT));
    if (traceparent == null) {
      return null;
    }
    SpanContext ids = parseTraceparent(traceparent);
    if (ids == null) {
      return null;
    }
    TraceState state = parseTracestate(getter.getAll(carrier, TRACESTATE));
    return state.isEmpty() ? ids : remote(ids.getTraceId(), ids.getSpanId(), ids.getTraceFlags(),
        state);
  }

  /** The one value of a field; {@code null} when there is none or more than one. */
  private static String single(Iterator<String> values) {
    String found = null;
    while (values != null && values.hasNext()) {
      String value = values.next();
      if (value == null) {
        continue;
      }
      if (found != null) {
        return null; // two traceparent fields: which one is the parent is unknowable
      }
      found = value;
    }
    return found;
  }

  /**
   * The trace id, parent id and flags of a {@code traceparent} value (trace state empty), or
   * {@code null} when the value is invalid.
   */
  static SpanContext parseTraceparent(String value) {
    if (value.indexOf(',') >= 0) {
      return null; // several fields combined into one
    }
    int start = 0;
    int end = value.length();
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length < TRACEPARENT_LENGTH) {
      return null;
    }
    int version = hexByte(value, start);
    if (version < 0 || version == 0xff || value.charAt(start + 2) != '-') {
      return null;
    }
    if (version == 0 ? length != TRACEPARENT_LENGTH
        : length > TRACEPARENT_LENGTH && value.charAt(start + TRACEPARENT_LENGTH) != '-') {
      return null;
    }
    int traceId = start + TRACE_ID_OFFSET;
    int parentId = start + PARENT_ID_OFFSET;
    if (!isHexId(value, traceId, TRACE_ID_LENGTH) || value.charAt(parentId - 1) != '-'
        || !isHexId(value, parentId, PARENT_ID_LENGTH)
        || value.charAt(start + FLAGS_OFFSET - 1) != '-') {
      return null;
    }
    int flags = hexByte(value, start + FLAGS_OFFSET);
    if (flags < 0) {
      return null;
    }
    if (version != 0) {
      flags &= KNOWN_FLAGS; // a higher version's other bits may mean something else
    }
    return remote(value.substring(traceId, traceId + TRACE_ID_LENGTH),
        value.substring(parentId, parentId + PARENT_ID_LENGTH),
        TraceFlags.fromByte((byte) flags), TraceState.getDefault());
  }

  /**
   * A remote span context for ids {@link #parseTraceparent} has checked already (lowercase hex,
   * not all zeros): not checked a second time by the API, as the SDK's span builder skips the
   * check for its own generator's ids.
   */
  private static SpanContext remote(String traceId, String spanId, TraceFlags flags,
      TraceState state) {
    return ImmutableSpanContext.create(traceId, spanId, flags, state, true, true);
  }

  /**
   * The members of the {@code tracestate} fields, combined in order; the default (empty) trace
   * state when there are none or the list is invalid.
   */
  static TraceState parseTracestate(Iterator<String> fields) {
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    int members = 0;
    while (fields != null && fields.hasNext()) {
      String field = fields.next();
      if (field == null) {
        continue;
      }
      int from = 0;
      while (from <= field.length()) {
        int comma = field.indexOf(',', from);
        int to = comma < 0 ? field.length() : comma;
        int start = from;
        int end = to;
        while (start < end && isOws(field.charAt(start))) {
          start++;
        }
        while (end > start && isOws(field.charAt(end - 1))) {
          end--;
        }
        if (start < end) {
          int equals = field.indexOf('=', start);
          if (equals < 0 || equals >= end || ++members > MAX_MEMBERS
              || !isValidKey(field, start, equals) || !isValidValue(field, equals + 1, end)) {
            return TraceState.getDefault();
          }
          String key = field.substring(start, equals);
          if (!keys.contains(key)) {
            keys.add(key);
            values.add(field.substring(equals + 1, end));
          }
        }
        from = to + 1;
      }
    }
    return keys.isEmpty() ? TraceState.getDefault()
        : new W3CTraceState(keys.toArray(new String[0]), values.toArray(new String[0]));
  }

  private static String traceparent(SpanContext span) {
    if (!span.isValid()) {
      return null;
    }
    String traceId = span.getTraceId();
    String spanId = span.getSpanId();
    // SpanContext is an interface: check what a foreign implementation hands over.
    if (traceId == null || spanId == null || !isHexId(traceId, 0, TRACE_ID_LENGTH)
        || traceId.length() != TRACE_ID_LENGTH || !isHexId(spanId, 0, PARENT_ID_LENGTH)
        || spanId.length() != PARENT_ID_LENGTH) {
      return null;
    }
    TraceFlags traceFlags = span.getTraceFlags();
    int flags = traceFlags == null ? 0 : traceFlags.asByte() & KNOWN_FLAGS;
    return "00-" + traceId + '-' + spanId + '-' + HEX[flags >> 4] + HEX[flags & 0xf];
  }

  private static String tracestate(TraceState state) {
    if (state == null || state.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int[] written = {0};
    state.forEach((key, value) -> {
      if (written[0] < MAX_MEMBERS && key != null && value != null
          && isValidKey(key, 0, key.length()) && isValidValue(value, 0, value.length())) {
        if (written[0]++ > 0) {
          out.append(',');
        }
        out.append(key).append('=').append(value);
      }
    });
    return out.toString();
  }

  /** {@code key = ( lcalpha / DIGIT ) 0*255 ( keychar )} over {@code s[start, end)}. */
  static boolean isValidKey(String s, int start, int end) {
    int length = end - start;
    if (length < 1 || length > MAX_KEY_LENGTH || !isLcalphaOrDigit(s.charAt(start))) {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      char c = s.charAt(i);
      if (!isLcalphaOrDigit(c) && c != '_' && c != '-' && c != '*' && c != '/' && c != '@') {
        return false;
      }
    }
    return true;
  }

  /** {@code value = 0*255(chr) nblk-chr} over {@code s[start, end)}. */
  static boolean isValidValue(String s, int start, int end) {
    int length = end - start;
    if (length < 1 || length > MAX_VALUE_LENGTH || s.charAt(end - 1) == ' ') {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLcalphaOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /** {@code length} lowercase hex digits at {@code offset}, not all zeros. */
  private static boolean isHexId(String s, int offset, int length) {
    if (offset + length > s.length()) {
      return false;
    }
    boolean nonZero = false;
    for (int i = offset; i < offset + length; i++) {
      int digit = hexDigit(s.charAt(i));
      if (digit < 0) {
        return false;
      }
      nonZero |= digit != 0;
    }
    return nonZero;
  }

  /** Two lowercase hex digits at {@code offset} as a byte value; -1 when they are not. */
  private static int hexByte(String s, int offset) {
    int high = hexDigit(s.charAt(offset));
    int low = hexDigit(s.charAt(offset + 1));
    return high < 0 || low < 0 ? -1 : high << 4 | low;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  private static void warn(String operation, RuntimeException e) {
    WARNING.warn("W3C trace context " + operation + " failed: " + e
        + "; the request went on without it (reported at most once a minute)");
  }

  /**
   * A trace state validated by the current key rules: members in order, one per key, 1 to 32 of
   * them. Immutable.
   */
  private static final class W3CTraceState implements TraceState {
    private final String[] keys;
    private final String[] values;

    W3CTraceState(String[] keys, String[] values) {
      this.keys = keys;
      this.values = values;
    }

    @Override
    public String get(String key) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(key)) {
          return values[i];
        }
      }
      return null;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public boolean isEmpty() {
      return keys.length == 0;
    }

    @Override
    public void forEach(BiConsumer<String, String> consumer) {
      if (consumer == null) {
        return;
      }
      for (int i = 0; i < keys.length; i++) {
        consumer.accept(keys[i], values[i]);
      }
    }

    @Override
    public Map<String, String> asMap() {
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < keys.length; i++) {
        map.put(keys[i], values[i]);
      }
      return Collections.unmodifiableMap(map);
    }

    @Override
    public TraceStateBuilder toBuilder() {
      return new Builder(keys, values);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof W3CTraceState
          && Arrays.equals(keys, ((W3CTraceState) o).keys)
          && Arrays.equals(values, ((W3CTraceState) o).values);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "TraceState{" + tracestate(this) + "}";
    }
  }

  /**
   * Adds on the left, replaces by moving to the left, ignores what the current rules refuse, and
   * truncates only when additions make more than 32 members.
   */
  private static final class Builder implements TraceStateBuilder {
    private final List<String> keys;
    private final List<String> values;

    Builder(String[] keys, String[] values) {
      this.keys = new ArrayList<>(Arrays.asList(keys));
      this.values = new ArrayList<>(Arrays.asList(values));
    }

    @Override
    public TraceStateBuilder put(String key, String value) {
      if (key != null && value != null && isValidKey(key, 0, key.length())
          && isValidValue(value, 0, value.length())) {
        remove(key);
        keys.add(0, key);
        values.add(0, value);
      }
      return this;
    }

    @Override
    public TraceStateBuilder remove(String key) {
      int index = keys.indexOf(key);
      if (index >= 0) {
        keys.remove(index);
        values.remove(index);
      }
      return this;
    }

    @Override
    public TraceState build() {
      while (keys.size() > MAX_MEMBERS) {
        int drop = keys.size() - 1;
        for (int i = keys.size() - 1; i >= 0; i--) {
          if (keys.get(i).length() + 1 + values.get(i).length() > LONG_MEMBER) {
            drop = i;
            break;
          }
        }
        keys.remove(drop);
        values.remove(drop);
      }
      return keys.isEmpty() ? TraceState.getDefault()
          : new W3CTraceState(keys.toArray(new String[0]), values.toArray(new String[0]));
    }
  }
}
