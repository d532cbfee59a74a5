package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/** What HTTP server and client spans share: the settings and the method in the span name. */
abstract class HttpTracing extends TracingInstrument {
  final HttpSettings settings;

  HttpTracing(OpenTelemetry openTelemetry, HttpSettings settings) {
    super(openTelemetry);
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** {@code GET}, or {@code HTTP} for a method the runtime recorded as {@code _OTHER}. */
  static String methodName(AttributeMap attributes) {
    String method = attributes.getString(AttributeKey.HTTP_REQUEST_METHOD);
    return method == null || "_OTHER".equals(method) ? "HTTP" : method;
  }
}
