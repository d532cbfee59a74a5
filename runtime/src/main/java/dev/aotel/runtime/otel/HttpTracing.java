package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import java.util.Objects;

/** What HTTP server and client spans share: method handling and status-based errors. */
abstract class HttpTracing extends TracingInstrument {
  final HttpSettings settings;
  /** The lowest status that makes the span an error: 500 for servers, 400 for clients. */
  private final long errorStatus;

  HttpTracing(OpenTelemetry openTelemetry, HttpSettings settings, long errorStatus) {
    super(openTelemetry);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.errorStatus = errorStatus;
  }

  /** {@code GET}, or {@code HTTP} for a method outside the known ones. */
  final String methodName(AttributeMap attributes) {
    String method = settings.normalizeMethod(attributes.getString(AttributeKey.HTTP_REQUEST_METHOD));
    return "_OTHER".equals(method) ? "HTTP" : method;
  }

  /** {@code http.request.method}, and {@code http.request.method_original} for unknown ones. */
  final void putMethod(SpanBuilder span, AttributeMap attributes) {
    String original = attributes.getString(AttributeKey.HTTP_REQUEST_METHOD);
    String method = settings.normalizeMethod(original);
    Spans.put(span, AttributeKey.HTTP_REQUEST_METHOD, method);
    if (!method.equals(original)) {
      Spans.put(span, AttributeKey.HTTP_REQUEST_METHOD_ORIGINAL, original);
    }
  }

  /** The status code; an error status sets {@code error.type} unless an exception did. */
  final void putStatus(Span span, AttributeMap attributes) {
    Long status = attributes.getLong(AttributeKey.HTTP_RESPONSE_STATUS_CODE);
    if (status != null) {
      Spans.put(span, AttributeKey.HTTP_RESPONSE_STATUS_CODE, status);
      if (status >= errorStatus && !attributes.contains(AttributeKey.ERROR_TYPE)) {
        attributes.set(AttributeKey.ERROR_TYPE, Long.toString(status));
      }
    }
  }
}
