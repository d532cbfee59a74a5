package dev.aotel.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The official test suite of w3c/trace-context ({@code test/test.py}), every scenario that is not
 * marked level 2 ({@code @unittest.skipIf(STRICT_LEVEL < 2)}), one case per scenario, named after
 * it. The suite's "test service" is played by {@link #makeRequest}: it extracts the harness's
 * headers with {@link W3CTraceContext}, starts a server span with the real SDK (default sampler:
 * parent-based, always on) and calls the harness back through client spans, injecting with {@link
 * W3CTraceContext}. The callbacks' headers are read as the harness reads them ({@code
 * tracecontext/traceparent.py}, {@code tracecontext/tracestate.py}), and the scenario's assertions
 * are the suite's.
 *
 * <p>Level 2 scenarios left out: {@code test_tracestate_duplicated_keys} (expects the whole
 * tracestate dropped; the current text lets duplicates through, this propagator keeps the first),
 * {@code test_tracestate_key_illegal_vendor_format} and {@code test_tracestate_key_length_limit}
 * (the older {@code tenant@vendor} key rules, which the current key ABNF replaced), and {@code
 * test_tracestate_key_illegal_characters}, {@code test_tracestate_member_count_limit}, {@code
 * test_tracestate_value_illegal_characters}, which {@link W3CTraceContextTest} covers from the
 * recommendation's text.
 */
class W3CTraceContextSuiteTest {
  private static final String TRACE_ID = "12345678901234567890123456789012";
  private static final String PARENT_ID = "1234567890123456";

  // With no span processor the SDK skips the work and hands back its parent's context.
  private static final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build();
  private static final Tracer tracer = tracerProvider.get("w3c-trace-context-test-service");
  private static final W3CTraceContext propagator = W3CTraceContext.getInstance();

  @AfterAll
  static void shutDown() {
    tracerProvider.close();
  }

  // ---- TraceContextTest ----

  @Test
  @DisplayName("TraceContextTest.test_both_traceparent_and_tracestate_missing")
  void bothTraceparentAndTracestateMissing() {
    TraceContext out = makeSingleRequestAndGetTracecontext();
    assertThat(out.traceparent.traceId).isNotEqualTo("0".repeat(32));
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_included_tracestate_missing")
  void traceparentIncludedTracestateMissing() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-01");
    assertThat(out.traceparent.traceId).isEqualTo(TRACE_ID);
    assertThat(out.traceparent.parentId).isNotEqualTo(PARENT_ID);
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_duplicated")
  void traceparentDuplicated() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789011-1234567890123456-01",
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-01");
    assertThat(out.traceparent.traceId)
        .isNotEqualTo("12345678901234567890123456789011")
        .isNotEqualTo("12345678901234567890123456789012");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_header_name")
  void traceparentHeaderName() {
    assertNewTrace("trace-parent", "00-12345678901234567890123456789012-1234567890123456-01");
    assertNewTrace("trace.parent", "00-12345678901234567890123456789012-1234567890123456-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_header_name_valid_casing")
  void traceparentHeaderNameValidCasing() {
    assertSameTrace("TraceParent", "00-12345678901234567890123456789012-1234567890123456-01");
    assertSameTrace("TrAcEpArEnT", "00-12345678901234567890123456789012-1234567890123456-01");
    assertSameTrace("TRACEPARENT", "00-12345678901234567890123456789012-1234567890123456-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_version_0x00")
  void traceparentVersion0x00() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-1234567890123456-01.");
    assertNewTrace("traceparent",
        "00-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_version_0xcc")
  void traceparentVersion0xcc() {
    assertSameTrace("traceparent", "cc-12345678901234567890123456789012-1234567890123456-01");
    assertSameTrace("traceparent",
        "cc-12345678901234567890123456789012-1234567890123456-01-what-the-future-will-be-like");
    assertNewTrace("traceparent",
        "cc-12345678901234567890123456789012-1234567890123456-01.what-the-future-will-be-like");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_version_0xff")
  void traceparentVersion0xff() {
    assertNewTrace("traceparent", "ff-12345678901234567890123456789012-1234567890123456-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_version_illegal_characters")
  void traceparentVersionIllegalCharacters() {
    assertNewTrace("traceparent", ".0-12345678901234567890123456789012-1234567890123456-01");
    assertNewTrace("traceparent", "0.-12345678901234567890123456789012-1234567890123456-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_version_too_long")
  void traceparentVersionTooLong() {
    assertNewTrace("traceparent", "000-12345678901234567890123456789012-1234567890123456-01");
    assertNewTrace("traceparent", "0000-12345678901234567890123456789012-1234567890123456-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_version_too_short")
  void traceparentVersionTooShort() {
    assertNewTrace("traceparent", "0-12345678901234567890123456789012-1234567890123456-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_trace_id_all_zero")
  void traceparentTraceIdAllZero() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-00000000000000000000000000000000-1234567890123456-01");
    assertThat(out.traceparent.traceId).isNotEqualTo("00000000000000000000000000000000");
    // The suite only checks the id is not zero; a kept parent id would mean the header was used.
    assertThat(out.traceparent.parentId).isNotEqualTo(PARENT_ID);
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_trace_id_illegal_characters")
  void traceparentTraceIdIllegalCharacters() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-.2345678901234567890123456789012-1234567890123456-01");
    assertThat(out.traceparent.traceId).isNotEqualTo(".2345678901234567890123456789012");
    out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-1234567890123456789012345678901.-1234567890123456-01");
    assertThat(out.traceparent.traceId).isNotEqualTo("1234567890123456789012345678901.");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_trace_id_too_long")
  void traceparentTraceIdTooLong() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-123456789012345678901234567890123-1234567890123456-01");
    assertThat(out.traceparent.traceId)
        .isNotEqualTo("123456789012345678901234567890123")
        .isNotEqualTo("12345678901234567890123456789012")
        .isNotEqualTo("23456789012345678901234567890123");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_trace_id_too_short")
  void traceparentTraceIdTooShort() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-1234567890123456789012345678901-1234567890123456-01");
    assertThat(out.traceparent.traceId).isNotEqualTo("1234567890123456789012345678901");
    assertThat(out.traceparent.parentId).isNotEqualTo(PARENT_ID);
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_parent_id_all_zero")
  void traceparentParentIdAllZero() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-0000000000000000-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_parent_id_illegal_characters")
  void traceparentParentIdIllegalCharacters() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-.234567890123456-01");
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-123456789012345.-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_parent_id_too_long")
  void traceparentParentIdTooLong() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-12345678901234567-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_parent_id_too_short")
  void traceparentParentIdTooShort() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-123456789012345-01");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_trace_flags_illegal_characters")
  void traceparentTraceFlagsIllegalCharacters() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-1234567890123456-.0");
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-1234567890123456-0.");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_trace_flags_too_long")
  void traceparentTraceFlagsTooLong() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-1234567890123456-001");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_trace_flags_too_short")
  void traceparentTraceFlagsTooShort() {
    assertNewTrace("traceparent", "00-12345678901234567890123456789012-1234567890123456-1");
  }

  @Test
  @DisplayName("TraceContextTest.test_traceparent_ows_handling")
  void traceparentOwsHandling() {
    assertSameTrace("traceparent", " 00-12345678901234567890123456789012-1234567890123456-01");
    assertSameTrace("traceparent", "\t00-12345678901234567890123456789012-1234567890123456-01");
    assertSameTrace("traceparent", "00-12345678901234567890123456789012-1234567890123456-01 ");
    assertSameTrace("traceparent", "00-12345678901234567890123456789012-1234567890123456-01\t");
    assertSameTrace("traceparent",
        "\t 00-12345678901234567890123456789012-1234567890123456-01 \t");
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_included_traceparent_missing")
  void tracestateIncludedTraceparentMissing() {
    Tracestate tracestate1 = makeSingleRequestAndGetTracecontext("tracestate", "foo=1").tracestate;
    Tracestate tracestate2 =
        makeSingleRequestAndGetTracecontext("tracestate", "foo=1,bar=2").tracestate;
    assertThat(tracestate1.size()).isEqualTo(tracestate2.size());
    assertThat(tracestate1.members).doesNotContainKey("foo"); // discarded, as the scenario says
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_included_traceparent_included")
  void tracestateIncludedTraceparentIncluded() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "tracestate", "foo=1,bar=2");
    assertThat(out.traceparent.traceId).isEqualTo(TRACE_ID);
    assertThat(out.tracestate.members).containsEntry("foo", "1").containsEntry("bar", "2");
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_header_name")
  void tracestateHeaderName() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "trace-state", "foo=1");
    assertThat(out.tracestate.members).doesNotContainKey("foo");
    out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "trace.state", "foo=1");
    assertThat(out.tracestate.members).doesNotContainKey("foo");
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_header_name_valid_casing")
  void tracestateHeaderNameValidCasing() {
    for (String name : List.of("TraceState", "TrAcEsTaTe", "TRACESTATE")) {
      TraceContext out = makeSingleRequestAndGetTracecontext(
          "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
          name, "foo=1");
      assertThat(out.tracestate.members).as(name).containsEntry("foo", "1");
    }
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_empty_header")
  void tracestateEmptyHeader() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "tracestate", "");
    assertThat(out.tracestate.size() == 0 || !out.tracestate.toString().isEmpty()).isTrue();
    assertThat(out.traceparent.traceId).isEqualTo(TRACE_ID);

    out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "tracestate", "foo=1",
        "tracestate", "");
    assertThat(out.traceparent.traceId).isEqualTo(TRACE_ID);
    assertThat(out.tracestate.members).containsEntry("foo", "1");

    out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "tracestate", "",
        "tracestate", "foo=1");
    assertThat(out.traceparent.traceId).isEqualTo(TRACE_ID);
    assertThat(out.tracestate.members).containsEntry("foo", "1");
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_multiple_headers_different_keys")
  void tracestateMultipleHeadersDifferentKeys() {
    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "tracestate", "foo=1,bar=2",
        "tracestate", "rojo=1,congo=2",
        "tracestate", "baz=3");
    assertThat(out.traceparent.traceId).isEqualTo(TRACE_ID);
    String tracestate = out.tracestate.toString();
    assertThat(tracestate).contains("foo=1", "bar=2", "rojo=1", "congo=2", "baz=3");
    assertThat(tracestate.indexOf("foo=1")).isLessThan(tracestate.indexOf("bar=2"));
    assertThat(tracestate.indexOf("bar=2")).isLessThan(tracestate.indexOf("rojo=1"));
    assertThat(tracestate.indexOf("rojo=1")).isLessThan(tracestate.indexOf("congo=2"));
    assertThat(tracestate.indexOf("congo=2")).isLessThan(tracestate.indexOf("baz=3"));
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_all_allowed_characters")
  void tracestateAllAllowedCharacters() {
    String keyWithoutVendor = chars(0x61, 0x7A) + "0123456789" + "_" + "-" + "*" + "/";
    String keyWithVendor = keyWithoutVendor + "@a-z0-9_-*/";
    String value = chars(0x20, 0x2B) + chars(0x2D, 0x3C) + chars(0x3E, 0x7E);

    TraceContext out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "tracestate", keyWithoutVendor + "=" + value);
    assertThat(out.tracestate.members).containsEntry(keyWithoutVendor, value);

    out = makeSingleRequestAndGetTracecontext(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
        "tracestate", keyWithVendor + "=" + value);
    assertThat(out.tracestate.members).containsEntry(keyWithVendor, value);
  }

  @Test
  @DisplayName("TraceContextTest.test_tracestate_ows_handling")
  void tracestateOwsHandling() {
    for (String tracestate : List.of("foo=1 \t , \t bar=2, \t baz=3",
        "foo=1\t \t,\t \tbar=2,\t \tbaz=3")) {
      TraceContext out = makeSingleRequestAndGetTracecontext(
          "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
          "tracestate", tracestate);
      assertThat(out.tracestate.members).as(tracestate)
          .containsEntry("foo", "1").containsEntry("bar", "2").containsEntry("baz", "3");
    }
    for (String tracestate : List.of(" foo=1", "\tfoo=1", "foo=1 ", "foo=1\t", "\t foo=1 \t")) {
      TraceContext out = makeSingleRequestAndGetTracecontext(
          "traceparent", "00-12345678901234567890123456789012-1234567890123456-00",
          "tracestate", tracestate);
      assertThat(out.traceparent.traceId).isEqualTo(TRACE_ID);
      assertThat(out.tracestate.members).as(tracestate).containsEntry("foo", "1");
    }
  }

  // ---- AdvancedTest ----

  @Test
  @DisplayName("AdvancedTest.test_multiple_requests_with_valid_traceparent")
  void multipleRequestsWithValidTraceparent() {
    Set<String> traceIds = new HashSet<>();
    Set<String> parentIds = new HashSet<>();
    for (Headers callback : makeRequest(Headers.of(
        "traceparent", "00-12345678901234567890123456789012-1234567890123456-01"), 3)) {
      Traceparent traceparent = getTraceparent(callback);
      traceIds.add(traceparent.traceId);
      parentIds.add(traceparent.parentId);
    }
    assertThat(traceIds).containsExactly(TRACE_ID);
    assertThat(parentIds).hasSize(3);
  }

  @Test
  @DisplayName("AdvancedTest.test_multiple_requests_without_traceparent")
  void multipleRequestsWithoutTraceparent() {
    Set<String> parentIds = new HashSet<>();
    for (Headers callback : makeRequest(new Headers(), 3)) {
      parentIds.add(getTraceparent(callback).parentId);
    }
    assertThat(parentIds).hasSize(3);
  }

  @Test
  @DisplayName("AdvancedTest.test_multiple_requests_with_illegal_traceparent")
  void multipleRequestsWithIllegalTraceparent() {
    Set<String> traceIds = new HashSet<>();
    Set<String> parentIds = new HashSet<>();
    for (Headers callback : makeRequest(Headers.of(
        "traceparent", "00-00000000000000000000000000000000-1234567890123456-01"), 3)) {
      Traceparent traceparent = getTraceparent(callback);
      traceIds.add(traceparent.traceId);
      parentIds.add(traceparent.parentId);
    }
    assertThat(traceIds).doesNotContain("00000000000000000000000000000000");
    assertThat(parentIds).hasSize(3);
  }

  // ---- The test service and the harness ----

  /**
   * The suite's test service: continues the trace of the request's headers, if any, and calls the
   * harness back {@code callbacks} times; the headers of each callback.
   */
  static List<Headers> makeRequest(Headers request, int callbacks) {
    Context incoming = propagator.extract(Context.root(), request, Headers.GETTER);
    Span server = tracer.spanBuilder("POST /test").setSpanKind(SpanKind.SERVER)
        .setParent(incoming).startSpan();
    try {
      List<Headers> sent = new ArrayList<>();
      for (int i = 0; i < callbacks; i++) {
        Span client = tracer.spanBuilder("POST /callback").setSpanKind(SpanKind.CLIENT)
            .setParent(Context.root().with(server)).startSpan();
        Headers headers = new Headers();
        propagator.inject(Context.root().with(client), headers, Headers.SETTER);
        client.end();
        sent.add(headers);
      }
      return sent;
    } finally {
      server.end();
    }
  }

  private static TraceContext makeSingleRequestAndGetTracecontext(String... headers) {
    Headers callback = makeRequest(Headers.of(headers), 1).get(0);
    return new TraceContext(getTraceparent(callback), getTracestate(callback));
  }

  private static void assertNewTrace(String name, String traceparent) {
    TraceContext out = makeSingleRequestAndGetTracecontext(name, traceparent);
    assertThat(out.traceparent.traceId).as("trace id after %s: %s", name, traceparent)
        .isNotEqualTo(TRACE_ID);
  }

  private static void assertSameTrace(String name, String traceparent) {
    TraceContext out = makeSingleRequestAndGetTracecontext(name, traceparent);
    assertThat(out.traceparent.traceId).as("trace id after %s: %s", name, traceparent)
        .isEqualTo(TRACE_ID);
  }

  private static String chars(int first, int last) {
    return IntStream.rangeClosed(first, last)
        .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
  }

  private static final class TraceContext {
    final Traceparent traceparent;
    final Tracestate tracestate;

    TraceContext(Traceparent traceparent, Tracestate tracestate) {
      this.traceparent = traceparent;
      this.tracestate = tracestate;
    }
  }

  private static final class Traceparent {
    final String traceId;
    final String parentId;

    Traceparent(String traceId, String parentId) {
      this.traceId = traceId;
      this.parentId = parentId;
    }
  }

  /** {@code get_traceparent}: exactly one field, read by {@code Traceparent.from_string}. */
  static Traceparent getTraceparent(Headers headers) {
    List<String> values = headers.all("traceparent");
    assertThat(values).as("expect one traceparent header").hasSize(1);
    String[] fields = values.get(0).split("-", -1);
    assertThat(fields).as("traceparent %s", values.get(0)).hasSize(4);
    assertThat(fields[0]).as("version").isEqualTo("00");
    assertThat(fields[1]).as("trace_id").matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    assertThat(fields[2]).as("parent_id").matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
    assertThat(fields[3]).as("trace_flags").matches("[0-9a-f]{2}");
    return new Traceparent(fields[1], fields[2]);
  }

  /** {@code tracecontext/tracestate.py}: the harness's reading of what the service sent. */
  static final class Tracestate {
    private static final String KEY_WITHOUT_VENDOR_FORMAT = "[a-z][_0-9a-z\\-*/]{0,255}";
    private static final String KEY_WITH_VENDOR_FORMAT =
        "[0-9a-z][_0-9a-z\\-*/]{0,240}@[a-z][_0-9a-z\\-*/]{0,13}";
    private static final String KEY_FORMAT =
        KEY_WITHOUT_VENDOR_FORMAT + "|" + KEY_WITH_VENDOR_FORMAT;
    private static final String VALUE_FORMAT =
        "[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]";
    private static final Pattern DELIMITER_FORMAT = Pattern.compile("[ \\t]*,[ \\t]*");
    private static final Pattern MEMBER_FORMAT =
        Pattern.compile("^(" + KEY_FORMAT + ")(=)(" + VALUE_FORMAT + ")$");

    final Map<String, String> members = new LinkedHashMap<>();

    void fromString(String string) {
      for (String member : DELIMITER_FORMAT.split(string, -1)) {
        if (!member.isEmpty()) {
          Matcher match = MEMBER_FORMAT.matcher(member);
          assertThat(match.matches()).as("illegal key-value format %s", member).isTrue();
          members.putIfAbsent(match.group(1), match.group(3));
        }
      }
    }

    int size() {
      return members.size();
    }

    @Override
    public String toString() {
      return members.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(","));
    }
  }

  /** {@code get_tracestate}: every field, in order. */
  static Tracestate getTracestate(Headers headers) {
    Tracestate tracestate = new Tracestate();
    headers.all("tracestate").forEach(tracestate::fromString);
    return tracestate;
  }
}
