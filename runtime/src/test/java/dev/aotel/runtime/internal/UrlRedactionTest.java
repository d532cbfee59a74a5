package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlRedactionTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "a=1&b=2|a=1&b=2",
    "sig=abc|sig=REDACTED",
    "a=1&Signature=x&b=2|a=1&Signature=REDACTED&b=2",
    "AWSAccessKeyId=AKIA&X-Goog-Signature=ff|AWSAccessKeyId=REDACTED&X-Goog-Signature=REDACTED",
    "signature=x|signature=x",
    "sig|sig",
    "sig=|sig=REDACTED",
    "a=1&&sig=2|a=1&&sig=REDACTED",
    "x=sig=1|x=sig=1",
  })
  void sensitiveQueryValuesAreRedacted(String query, String expected) {
    assertThat(UrlRedaction.query(query)).isEqualTo(expected);
  }

  @Test
  void anInsensitiveQueryIsReturnedAsItIs() {
    String query = "a=1&b=2";
    assertThat(UrlRedaction.query(query)).isSameAs(query);
    assertThat(UrlRedaction.query(null)).isNull();
  }

  @Test
  void userInfoAndSensitiveParametersAreRedactedInFullUrls() {
    assertThat(UrlRedaction.fullUrl(URI.create("https://user:pw@example.com:8443/p/a%20b?sig=1&x=2#f")))
        .isEqualTo("https://REDACTED:REDACTED@example.com:8443/p/a%20b?sig=REDACTED&x=2#f");
    URI plain = URI.create("http://example.com/p?x=1");
    assertThat(UrlRedaction.fullUrl(plain)).isEqualTo("http://example.com/p?x=1");
  }
}
