package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The stable HTTP server metrics, from the same derived values as the SERVER span: {@code
 * http.server.request.duration} (histogram, seconds, the advised buckets) with {@code
 * http.request.method}, {@code url.scheme}, {@code http.route}, {@code http.response.status_code},
 * {@code error.type} and {@code network.protocol.version}; and {@code http.server.active_requests}
 * (up-down counter) with {@code http.request.method} and {@code url.scheme}. Never the path, the
 * query or a header: the route is the {@code @Traced} template or the context path. Works whatever
 * the tracing configuration (sampled, not sampled, no tracer at all).
 */
public final class HttpServerMetrics implements Instrument {
  private static final AttributeKey[] DURATION_KEYS = {
    AttributeKey.HTTP_REQUEST_METHOD, AttributeKey.URL_SCHEME, AttributeKey.HTTP_ROUTE,
    AttributeKey.HTTP_RESPONSE_STATUS_CODE, AttributeKey.ERROR_TYPE,
    AttributeKey.NETWORK_PROTOCOL_VERSION,
  };

  private final DoubleHistogram duration;
  private final LongUpDownCounter active;
  private final AttributesCache durationAttributes = new AttributesCache(DURATION_KEYS);
  private final AttributesCache activeAttributes =
      new AttributesCache(AttributeKey.HTTP_REQUEST_METHOD, AttributeKey.URL_SCHEME);

  /**
   * Metrics through this OpenTelemetry instance.
   *
   * @param activeRequests whether to keep {@code http.server.active_requests}
   */
  public HttpServerMetrics(OpenTelemetry openTelemetry, boolean activeRequests) {
    Meter meter = HttpMetrics.meter(openTelemetry);
    this.duration = HttpMetrics.duration(meter, "http.server.request.duration",
        "Duration of HTTP server requests.");
    this.active = activeRequests
        ? meter.upDownCounterBuilder("http.server.active_requests")
            .setUnit("{request}")
            .setDescription("Number of active HTTP server requests.")
            .build()
        : null;
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.HTTP_SERVER;
  }

  @Override
  public String name() {
    return "otel-http-server-metrics";
  }

  @Override
  public void onOperationStart(AttributeMap attributes) {
    if (active != null) {
      active.add(1, activeAttributes.get(attributes));
    }
  }

  @Override
  public void onOperationEnd(AttributeMap attributes) {
    if (active != null) {
      active.add(-1, activeAttributes.get(attributes));
    }
    duration.record(HttpMetrics.seconds(attributes), durationAttributes.get(attributes));
  }
}
