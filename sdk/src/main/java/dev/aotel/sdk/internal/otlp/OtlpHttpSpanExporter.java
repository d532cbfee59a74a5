package dev.aotel.sdk.internal.otlp;

import dev.aotel.runtime.internal.RateLimitedWarning;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.common.internal.OtelVersion;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * aotel's OTLP/HTTP span exporter ({@code http/protobuf} to an {@code http://} endpoint): the
 * spans encoded in one pass into reused buffers ({@link SpanEncoder}) and POSTed over one
 * keep-alive connection ({@link HttpConnection}) on the batch processor's own thread. It reads
 * the same settings as the SDK's exporter, with the same defaults (endpoint, {@code /v1/traces},
 * headers, {@code gzip}, timeout, the default retry policy on 429, 502, 503, 504 and failed
 * connections), and {@link #fromConfig} returns null for every setting it does not cover (TLS,
 * gRPC, a proxy, another compression), so that the SDK's exporter is used for those as before.
 * {@code AOTEL_OTLP_EXPORTER=sdk} chooses the SDK's exporter always.
 *
 * <p>Unlike the SDK's it exports synchronously, and its retries end within the timeout: an
 * export never outlives {@code OTEL_EXPORTER_OTLP_TIMEOUT}. Failures are reported on standard
 * error at most once a minute; spans that could not be delivered are dropped, as the SDK's
 * exporter drops them.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class OtlpHttpSpanExporter implements SpanExporter {
  private static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/traces";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final String endpoint;
  private final boolean gzip;
  private final int timeoutMillis;
  private final RetryPolicy retry;
  private final HttpConnection connection;
  private final SpanEncoder encoder = new SpanEncoder();
  private final Compressed compressed;
  private final RateLimitedWarning failures = RateLimitedWarning.perMinutes(1);
  private volatile boolean shutdown;

  private OtlpHttpSpanExporter(URL url, Map<String, String> headers, boolean gzip,
      Duration timeout, RetryPolicy retry) {
    this.endpoint = url.toString();
    this.gzip = gzip;
    this.timeoutMillis = timeout.isZero() ? Integer.MAX_VALUE
        : (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    this.retry = retry;
    this.compressed = gzip ? new Compressed() : null;
    StringBuilder lines = new StringBuilder()
        .append("User-Agent: OTel-OTLP-Exporter-Java/").append(OtelVersion.VERSION)
        .append(" aotel\r\nContent-Type: application/x-protobuf\r\n");
    if (gzip) {
      lines.append("Content-Encoding: gzip\r\n");
    }
    headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
    this.connection = new HttpConnection(url.getHost(),
        url.getPort() >= 0 ? url.getPort() : url.getDefaultPort(),
        url.getPath().isEmpty() ? "/" : url.getPath(), lines.toString());
  }

  /**
   * The exporter for these settings, or null where the SDK's exporter should be used: another
   * protocol, {@code https://}, certificates, a proxy, a compression other than gzip, or
   * {@code AOTEL_OTLP_EXPORTER=sdk}. Settings the SDK's exporter would reject are left to it too,
   * so they are reported as they always were.
   */
  public static OtlpHttpSpanExporter fromConfig(ConfigProperties config) {
    if (!config.getString("aotel.otlp.exporter", "aotel").equals("aotel")
        || !"http/protobuf".equals(traces(config, "protocol", "grpc")) // the SDK's default
        || traces(config, "certificate", null) != null
        || traces(config, "client.key", null) != null
        || traces(config, "client.certificate", null) != null
        || System.getProperty("http.proxyHost") != null) {
      return null;
    }
    URL url = endpoint(config);
    String compression = traces(config, "compression", null);
    if (url == null || !url.getProtocol().equals("http") || url.getQuery() != null
        || url.getRef() != null
        || (compression != null && !compression.equals("gzip") && !compression.equals("none"))) {
      return null;
    }
    Map<String, String> headers = config.getMap("otel.exporter.otlp.traces.headers");
    if (headers.isEmpty()) {
      headers = config.getMap("otel.exporter.otlp.headers");
    }
    Map<String, String> decoded = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String value = URLDecoder.decode(header.getValue(), StandardCharsets.UTF_8);
      if (!isToken(header.getKey()) || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new ConfigurationException("OTEL_EXPORTER_OTLP_HEADERS: '" + header.getKey()
            + "' is not a valid HTTP header (a name of letters, digits and -, a value without"
            + " line breaks); fix or remove it");
      }
      decoded.put(header.getKey(), value);
    }
    Duration timeout = config.getDuration("otel.exporter.otlp.traces.timeout");
    if (timeout == null) {
      timeout = config.getDuration("otel.exporter.otlp.timeout", DEFAULT_TIMEOUT);
    }
    RetryPolicy retry = config.getBoolean("otel.java.exporter.otlp.retry.disabled", false)
        ? null : RetryPolicy.getDefault();
    return new OtlpHttpSpanExporter(url, decoded, "gzip".equals(compression), timeout, retry);
  }

  /** The traces-specific setting, else the general one, else {@code otherwise}. */
  private static String traces(ConfigProperties config, String setting, String otherwise) {
    String value = config.getString("otel.exporter.otlp.traces." + setting);
    return value != null ? value : config.getString("otel.exporter.otlp." + setting, otherwise);
  }

  /** Where the SDK's exporter would send traces (OtlpConfigUtil's rules), or null if invalid. */
  private static URL endpoint(ConfigProperties config) {
    try {
      String traces = config.getString("otel.exporter.otlp.traces.endpoint");
      if (traces != null) {
        URL url = new URL(traces);
        return url.getPath().isEmpty() ? new URL(url, "/") : url;
      }
      String common = config.getString("otel.exporter.otlp.endpoint");
      if (common == null) {
        return new URL(DEFAULT_ENDPOINT);
      }
      URL url = new URL(common);
      String path = url.getPath();
      return new URL(url, (path.endsWith("/") ? path : path + "/") + "v1/traces");
    } catch (MalformedURLException e) {
      return null;
    }
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80) && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown) {
      return CompletableResultCode.ofFailure();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    try {
      ProtoBuffer body = encoder.encode(spans);
      byte[] bytes = body.array();
      int length = body.size();
      if (gzip) {
        compressed.reset();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
          out.write(bytes, 0, length);
        }
        bytes = compressed.array();
        length = compressed.size();
      }
      return send(spans.size(), bytes, length, deadline);
    } catch (IOException | RuntimeException e) {
      encoder.reset(); // a batch that failed halfway leaves nothing for the next one
      failures.warn("could not export " + spans.size() + " spans to " + endpoint + ": " + e);
      return CompletableResultCode.ofFailure();
    } finally {
      encoder.trim();
    }
  }

  private CompletableResultCode send(int count, byte[] body, int length, long deadline) {
    int attempts = retry == null ? 1 : retry.getMaxAttempts();
    long backoff = retry == null ? 0 : retry.getInitialBackoff().toNanos();
    String failure = null;
    for (int attempt = 1; !shutdown; attempt++) {
      long retryAfter = -1;
      boolean retryable;
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remaining <= 0) {
        failure = "the export timeout passed";
        break;
      }
      try {
        HttpConnection.Response response = connection.post(body, length,
            (int) Math.min(Integer.MAX_VALUE, remaining));
        if (response.status() >= 200 && response.status() < 300) {
          return CompletableResultCode.ofSuccess();
        }
        failure = "the collector answered HTTP " + response.status()
            + (response.body().isBlank() ? "" : ": " + response.body().strip());
        retryable = switch (response.status()) {
          case 429, 502, 503, 504 -> true;
          default -> false;
        };
        retryAfter = response.retryAfterSeconds();
      } catch (IOException e) {
        connection.close();
        failure = e.toString();
        retryable = true;
      }
      if (!retryable || attempt >= attempts) {
        break;
      }
      long wait = retryAfter >= 0 ? TimeUnit.SECONDS.toNanos(retryAfter)
          : ThreadLocalRandom.current().nextLong(Math.max(1, backoff));
      if (wait >= deadline - System.nanoTime()) { // not nanoTime() + wait: a huge Retry-After
        failure += " (no time left for a retry within the export timeout)";
        break;
      }
      backoff = Math.min((long) (backoff * retry.getBackoffMultiplier()),
          retry.getMaxBackoff().toNanos());
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    failures.warn("could not export " + count + " spans to " + endpoint + ": "
        + (failure != null ? failure : "the exporter was shut down"));
    return CompletableResultCode.ofFailure();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess(); // every export has ended when it returns
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    connection.abort();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "aotel OtlpHttpSpanExporter{endpoint=" + endpoint + ", compression="
        + (gzip ? "gzip" : "none") + ", timeout=" + timeoutMillis + "ms}";
  }

  /** A byte stream whose buffer is reused and read in place. */
  private static final class Compressed extends ByteArrayOutputStream {
    Compressed() {
      super(16 * 1024);
    }

    byte[] array() {
      return buf;
    }
  }
}
