package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;

/**
 * The stable HTTP client metric, from the same derived values as the CLIENT span: {@code
 * http.client.request.duration} (histogram, seconds, the advised buckets) with {@code
 * http.request.method}, {@code server.address}, {@code server.port}, {@code
 * http.response.status_code}, {@code error.type} and {@code network.protocol.version}.
 */
public final class HttpClientMetrics implements Instrument {
  private final DoubleHistogram duration;
  private final AttributesCache attributes = new AttributesCache(
      AttributeKey.HTTP_REQUEST_METHOD, AttributeKey.SERVER_ADDRESS, AttributeKey.SERVER_PORT,
      AttributeKey.HTTP_RESPONSE_STATUS_CODE, AttributeKey.ERROR_TYPE,
      AttributeKey.NETWORK_PROTOCOL_VERSION);

  /** Metrics through this OpenTelemetry instance. */
  public HttpClientMetrics(OpenTelemetry openTelemetry) {
    this.duration = HttpMetrics.duration(HttpMetrics.meter(openTelemetry),
        "http.client.request.duration", "Duration of HTTP client requests.");
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.HTTP_CLIENT;
  }

  @Override
  public String name() {
    return "otel-http-client-metrics";
  }

  @Override
  public void onOperationEnd(AttributeMap map) {
    duration.record(HttpMetrics.seconds(map), attributes.get(map));
  }
}
