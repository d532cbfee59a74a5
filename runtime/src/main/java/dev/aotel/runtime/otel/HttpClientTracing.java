package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CLIENT spans for outgoing HTTP calls: named after the method, an error on 4xx and 5xx, and the
 * propagators' headers ({@code traceparent}, {@code tracestate}, {@code baggage} by default)
 * injected into the request.
 */
public final class HttpClientTracing extends HttpTracing {
  private static final AttributeList START_KEYS = AttributeList.of(
      AttributeKey.HTTP_REQUEST_METHOD, AttributeKey.HTTP_REQUEST_METHOD_ORIGINAL,
      AttributeKey.URL_FULL, AttributeKey.SERVER_ADDRESS, AttributeKey.SERVER_PORT);
  /** Body sizes are opt-in on spans in the conventions: the map has them, spans do not. */
  private static final AttributeList END_KEYS = AttributeList.of(
      AttributeKey.HTTP_RESPONSE_STATUS_CODE, AttributeKey.NETWORK_PROTOCOL_VERSION);

  private final TextMapPropagator propagator;
  private final AttributeList injected;

  /** Spans through this OpenTelemetry instance, with these HTTP settings. */
  public HttpClientTracing(OpenTelemetry openTelemetry, HttpSettings settings) {
    super(openTelemetry, settings);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.injected = Spans.headerKeys(propagator);
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.HTTP_CLIENT;
  }

  @Override
  public String name() {
    return "otel-http-client";
  }

  @Override
  public AttributeList injectedHeaders() {
    return injected;
  }

  @Override
  public AttributeList capturedRequestHeaders() {
    return settings.clientRequestHeaders();
  }

  @Override
  public AttributeList capturedResponseHeaders() {
    return settings.clientResponseHeaders();
  }

  @Override
  public List<String> onOperationInject(AttributeMap attributes) {
    Context context = context(attributes);
    if (context == null) {
      return List.of();
    }
    // Propagators name fields in any case (B3: X-B3-TraceId); the keys know them lowercase.
    Map<String, String> carrier = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    propagator.inject(context, carrier, Map::put);
    List<String> values = new ArrayList<>(injected.size());
    for (SemconvKey key : injected) {
      values.add(carrier.get(key.headerName()));
    }
    return values;
  }

  @Override
  SpanKind spanKind() {
    return SpanKind.CLIENT;
  }

  @Override
  String spanName(AttributeMap attributes) {
    return methodName(attributes);
  }

  @Override
  void startAttributes(SpanBuilder span, AttributeMap attributes) {
    Spans.copy(attributes, START_KEYS, span);
    Spans.copy(attributes, settings.clientRequestHeaders(), span);
  }

  @Override
  void endAttributes(Span span, AttributeMap attributes) {
    Spans.copy(attributes, END_KEYS, span);
    Spans.copy(attributes, settings.clientResponseHeaders(), span);
  }
}
