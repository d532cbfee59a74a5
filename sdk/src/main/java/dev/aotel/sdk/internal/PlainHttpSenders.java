package dev.aotel.sdk.internal;

import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK sender, for {@code http://} endpoints without the TLS stack. The JDK's {@code
 * HttpClient} initialises the default {@code SSLContext} when it is built, which loads the CA
 * certificates: 280–315 ms for the first client of a JVM here, against 144–150 ms with an
 * uninitialised context and explicit TLS parameters. An {@code http://} endpoint never uses
 * either, so for it the sender gets an uninitialised context and the protocols to put in its
 * parameters; an {@code https://} endpoint, or one with TLS settings of its own, goes to the
 * JDK sender unchanged.
 *
 * <p>Internal: not API, may change without notice.
 */
final class PlainHttpSenders implements HttpSenderProvider {
  /** The JDK sender's provider, the only one this wraps. */
  static final String JDK_PROVIDER =
      "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";
  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final HttpSenderProvider jdk;

  PlainHttpSenders(HttpSenderProvider jdk) {
    this.jdk = jdk;
  }

  @Override
  public HttpSender createSender(HttpSenderConfig config) {
    URI endpoint = config.getEndpoint();
    if (endpoint == null || !"http".equalsIgnoreCase(endpoint.getScheme())
        || config.getSslContext() != null || config.getEnabledProtocols() != null) {
      return jdk.createSender(config);
    }
    SSLContext unused;
    try {
      unused = SSLContext.getInstance("TLS"); // not initialised: nothing loaded
    } catch (NoSuchAlgorithmException e) {
      return jdk.createSender(config);
    }
    return jdk.createSender(new Plain(config, unused));
  }

  /** The same settings, with a TLS context that is never initialised. */
  private static final class Plain implements HttpSenderConfig {
    private final HttpSenderConfig config;
    private final SSLContext sslContext;

    Plain(HttpSenderConfig config, SSLContext sslContext) {
      this.config = config;
      this.sslContext = sslContext;
    }

    @Override
    public SSLContext getSslContext() {
      return sslContext;
    }

    @Override
    public List<String> getEnabledProtocols() {
      return PROTOCOLS; // explicit parameters: the client does not ask the context for defaults
    }

    @Override
    public URI getEndpoint() {
      return config.getEndpoint();
    }

    @Override
    public String getContentType() {
      return config.getContentType();
    }

    @Override
    public Compressor getCompressor() {
      return config.getCompressor();
    }

    @Override
    public Duration getTimeout() {
      return config.getTimeout();
    }

    @Override
    public Duration getConnectTimeout() {
      return config.getConnectTimeout();
    }

    @Override
    public Supplier<Map<String, List<String>>> getHeadersSupplier() {
      return config.getHeadersSupplier();
    }

    @Override
    public ProxyOptions getProxyOptions() {
      return config.getProxyOptions();
    }

    @Override
    public RetryPolicy getRetryPolicy() {
      return config.getRetryPolicy();
    }

    @Override
    public X509TrustManager getTrustManager() {
      return config.getTrustManager();
    }

    @Override
    public ExecutorService getExecutorService() {
      return config.getExecutorService();
    }

    @Override
    public long getMaxResponseBodySize() {
      return config.getMaxResponseBodySize();
    }
  }
}
