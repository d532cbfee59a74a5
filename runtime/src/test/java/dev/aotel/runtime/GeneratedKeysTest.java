package dev.aotel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GeneratedKeysTest {
  @Test
  void wellKnownKeysHaveSemconvNamesAndTypes() {
    assertThat(AttributeKey.HTTP_RESPONSE_STATUS_CODE.semconvName())
        .isEqualTo("http.response.status_code");
    assertThat(AttributeKey.HTTP_RESPONSE_STATUS_CODE.type()).isEqualTo(AttributeType.LONG);
    assertThat(AttributeKey.URL_PATH.type()).isEqualTo(AttributeType.STRING);
    assertThat(AttributeKey.HTTP_REQUEST_HEADER_CONTENT_TYPE.type())
        .isEqualTo(AttributeType.STRING_ARRAY);
    assertThat(AttributeKey.HTTP_RESPONSE_STATUS_CODE.otelKey())
        .isEqualTo(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code"));
    assertThat(AttributeKey.URL_PATH.header()).isNull();
    assertThat(AttributeKey.URL_PATH.headerName()).isNull();
  }

  @Test
  void forNameFindsConstantsOrNull() {
    assertThat(AttributeKey.forName("url.path")).isSameAs(AttributeKey.URL_PATH);
    assertThat(AttributeKey.forName("http.response.header.server"))
        .isSameAs(AttributeKey.HTTP_RESPONSE_HEADER_SERVER);
    assertThat(AttributeKey.forName("url.pathx")).isNull();
  }

  @ParameterizedTest
  @EnumSource(HttpHeader.class)
  void everyHeaderHasARequestAndAResponseKey(HttpHeader header) {
    AttributeKey request = header.requestKey();
    AttributeKey response = header.responseKey();
    assertThat(request.semconvName()).isEqualTo("http.request.header." + header.lowercaseName());
    assertThat(response.semconvName())
        .isEqualTo("http.response.header." + header.lowercaseName());
    assertThat(request.header()).isSameAs(header);
    assertThat(response.header()).isSameAs(header);
    assertThat(request.headerName()).isEqualTo(header.lowercaseName());
    assertThat(request.type()).isEqualTo(AttributeKey.HEADER_VALUE_TYPE);
  }

  @Test
  void headerIdsFollowAsciiOrderOfNames() {
    List<String> names = Arrays.stream(HttpHeader.values()).map(HttpHeader::lowercaseName)
        .toList();
    assertThat(names).hasSize(96).isSorted().doesNotHaveDuplicates();
    assertThat(HttpHeader.ACCEPT.ordinal()).isZero();
  }

  static List<Function<CharSequence, HttpHeader>> lookups() {
    return List.of(HttpHeader::lookup);
  }

  @ParameterizedTest
  @EnumSource(HttpHeader.class)
  void lookupFindsEveryHeaderInAnyCase(HttpHeader header) {
    String name = header.lowercaseName();
    StringBuilder alternating = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      alternating.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
    }
    for (Function<CharSequence, HttpHeader> lookup : lookups()) {
      assertThat(lookup.apply(name)).isSameAs(header);
      assertThat(lookup.apply(name.toUpperCase(Locale.ROOT))).isSameAs(header);
      assertThat(lookup.apply(alternating)).isSameAs(header);
      assertThat(lookup.apply(new StringBuilder(name))).isSameAs(header);
    }
  }

  @ParameterizedTest
  @EnumSource(HttpHeader.class)
  void lookupRejectsNearMisses(HttpHeader header) {
    String name = header.lowercaseName();
    for (int i = 0; i < name.length(); i++) {
      char replacement = name.charAt(i) == 'x' ? 'y' : 'x';
      String oneOff = name.substring(0, i) + replacement + name.substring(i + 1);
      assertNoMatch(oneOff, header);
    }
    assertNoMatch(name + "s", header);
    assertNoMatch("x" + name, header);
    assertNoMatch(name.substring(0, name.length() - 1), header);
    assertNoMatch(name.substring(1), header);
    // Characters that only match after a wrong case fold.
    if (name.indexOf('-') >= 0) {
      assertNoMatch(name.replace('-', '\r'), header); // '\r' | 0x20 == '-'
    }
    if (name.indexOf('k') >= 0) {
      assertNoMatch(name.replace('k', '\u212A'), header); // KELVIN SIGN lowercases to 'k'
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "accept ", " accept", "acce\u0000pt", "content_type"})
  void lookupRejectsOddInput(String name) {
    for (Function<CharSequence, HttpHeader> lookup : lookups()) {
      assertThat(lookup.apply(name)).isNull();
    }
  }

  private static void assertNoMatch(String candidate, HttpHeader header) {
    for (Function<CharSequence, HttpHeader> lookup : lookups()) {
      HttpHeader found = lookup.apply(candidate);
      if (found != null) {
        // A near miss of one header may be another real header (te/age...): then it must be that.
        assertThat(found.lowercaseName()).isEqualTo(candidate.toLowerCase(Locale.ROOT));
        assertThat(found).isNotSameAs(header);
      }
    }
  }
}
