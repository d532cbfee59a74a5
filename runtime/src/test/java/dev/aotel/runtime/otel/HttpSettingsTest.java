package dev.aotel.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
  @Test
  void defaults() {
    HttpSettings settings = HttpSettings.defaults();
    assertThat(settings.knownMethods()).containsExactlyInAnyOrder("CONNECT", "DELETE", "GET",
        "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");
    assertThat(settings.serverRequestHeaders().size()).isZero();
  }

  @Test
  void fromConfigReadsTheStandardNamesAndDropsCredentials() {
    Map<String, String> config = Map.of(
        "otel.instrumentation.http.known-methods", "GET, PURGE",
        "otel.instrumentation.http.server.capture-request-headers", " X-Tenant ,authorization,",
        "otel.instrumentation.http.server.capture-response-headers", "server",
        "otel.instrumentation.http.client.capture-request-headers", "x-request-id",
        "otel.instrumentation.http.client.capture-response-headers", "etag");
    HttpSettings settings = HttpSettings.fromConfig(config::get);
    assertThat(settings.knownMethods()).containsExactlyInAnyOrder("GET", "PURGE");
    assertThat(settings.serverRequestHeaders().names())
        .containsExactly("http.request.header.x-tenant");
    assertThat(settings.serverResponseHeaders().names())
        .containsExactly("http.response.header.server");
    assertThat(settings.clientRequestHeaders().names())
        .containsExactly("http.request.header.x-request-id");
    assertThat(settings.clientResponseHeaders().names())
        .containsExactly("http.response.header.etag");
  }

  @Test
  void anInvalidHeaderNamesTheSetting() {
    assertThatThrownBy(() -> HttpSettings.fromConfig(Map.of(
        "otel.instrumentation.http.client.capture-request-headers", "x(y)")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "invalid otel.instrumentation.http.client.capture-request-headers: ")
        .hasMessageContaining("'x(y)'");
  }

  @Test
  void fromSystemReadsSystemProperties() {
    String key = "otel.instrumentation.http.server.capture-request-headers";
    System.setProperty(key, "x-from-property");
    try {
      assertThat(HttpSettings.fromSystem().serverRequestHeaders().names())
          .containsExactly("http.request.header.x-from-property");
    } finally {
      System.clearProperty(key);
    }
  }
}
