package dev.aotel.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** {@code http://} endpoints get a TLS context that is never initialised; others are unchanged. */
class PlainHttpSendersTest {
  private final AtomicReference<HttpSenderConfig> seen = new AtomicReference<>();
  private final HttpSenderProvider jdk = config -> {
    seen.set(config);
    return null;
  };

  /** A config with this endpoint and TLS context; every other setting answers a fixed value. */
  private static HttpSenderConfig config(String endpoint, SSLContext sslContext) {
    return (HttpSenderConfig) Proxy.newProxyInstance(HttpSenderConfig.class.getClassLoader(),
        new Class<?>[] {HttpSenderConfig.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getEndpoint" -> URI.create(endpoint);
          case "getSslContext" -> sslContext;
          case "getTimeout" -> Duration.ofSeconds(7);
          case "getContentType" -> "application/x-protobuf";
          case "getMaxResponseBodySize" -> 4096L;
          default -> null;
        });
  }

  @Test
  void anHttpEndpointGetsAnUninitialisedContextAndExplicitProtocols() {
    new PlainHttpSenders(jdk).createSender(config("http://127.0.0.1:4318/v1/traces", null));
    HttpSenderConfig given = seen.get();
    assertThat(given.getSslContext()).isNotNull();
    assertThat(given.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    // Everything else is the exporter's own.
    assertThat(given.getEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4318/v1/traces"));
    assertThat(given.getTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(given.getContentType()).isEqualTo("application/x-protobuf");
    assertThat(given.getMaxResponseBodySize()).isEqualTo(4096L);
  }

  @Test
  void httpsAndOwnTlsSettingsGoThroughUnchanged() throws Exception {
    HttpSenderConfig https = config("https://collector:4318/v1/traces", null);
    new PlainHttpSenders(jdk).createSender(https);
    assertThat(seen.get()).isSameAs(https);

    HttpSenderConfig ownContext = config("http://127.0.0.1:4318/v1/traces",
        SSLContext.getInstance("TLS"));
    new PlainHttpSenders(jdk).createSender(ownContext);
    assertThat(seen.get()).isSameAs(ownContext);
  }

  @Test
  void onlyTheJdkSenderIsWrapped() {
    assertThat(PlainHttpSenders.JDK_PROVIDER)
        .isEqualTo("io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
    List<HttpSenderProvider> loaded = new java.util.ArrayList<>();
    new StartupComponentLoader(getClass().getClassLoader()).load(HttpSenderProvider.class)
        .forEach(loaded::add);
    assertThat(loaded).singleElement().isInstanceOf(PlainHttpSenders.class);
  }
}
