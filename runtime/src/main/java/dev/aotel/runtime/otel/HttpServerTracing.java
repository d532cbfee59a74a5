package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.InstrumentKind;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * SERVER spans for HTTP server operations, per the stable HTTP semantic conventions: named {@code
 * {method} {route}}, an error on 5xx only, parent extracted from the request headers with the
 * {@code OpenTelemetry} instance's propagators (a malformed header starts a new trace).
 */
public final class HttpServerTracing extends HttpTracing {

  /** Spans through this OpenTelemetry instance, with these HTTP settings. */
  public HttpServerTracing(OpenTelemetry openTelemetry, HttpSettings settings) {
    super(openTelemetry, settings, 500);
  }

  @Override
  public InstrumentKind kind() {
    return InstrumentKind.HTTP_SERVER;
  }

  @Override
  public String name() {
    return "otel-http-server";
  }

  @Override
  public AttributeList capturedRequestHeaders() {
    return settings.serverRequestHeaders();
  }

  @Override
  public AttributeList capturedResponseHeaders() {
    return settings.serverResponseHeaders();
  }

  @Override
  Context parent(AttributeMap attributes) {
    return openTelemetry.getPropagators().getTextMapPropagator()
        .extract(Context.root(), attributes, Spans.GETTER);
  }

  @Override
  SpanKind spanKind() {
    return SpanKind.SERVER;
  }

  @Override
  String spanName(AttributeMap attributes) {
    String route = attributes.getString(AttributeKey.HTTP_ROUTE);
    String name = methodName(attributes);
    return route == null || route.isEmpty() ? name : name + " " + route;
  }

  @Override
  void startAttributes(SpanBuilder span, AttributeMap attributes) {
    putMethod(span, attributes);
    for (AttributeKey key : START_KEYS) {
      Spans.put(span, key, attributes.get(key));
    }
    Spans.putHeaders(span, settings.serverRequestHeaders(), attributes);
  }

  private static final AttributeKey[] START_KEYS = {
    AttributeKey.URL_PATH, AttributeKey.URL_QUERY, AttributeKey.URL_SCHEME, AttributeKey.HTTP_ROUTE, AttributeKey.SERVER_ADDRESS,
    AttributeKey.SERVER_PORT, AttributeKey.CLIENT_ADDRESS, AttributeKey.NETWORK_PEER_ADDRESS,
    AttributeKey.NETWORK_PEER_PORT, AttributeKey.NETWORK_PROTOCOL_VERSION,
    AttributeKey.USER_AGENT_ORIGINAL,
  };

  @Override
  void endAttributes(Span span, AttributeMap attributes) {
    putStatus(span, attributes);
    Spans.putHeaders(span, settings.serverResponseHeaders(), attributes);
  }
}
