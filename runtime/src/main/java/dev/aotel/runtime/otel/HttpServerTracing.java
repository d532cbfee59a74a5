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
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * SERVER spans for HTTP server operations, per the stable HTTP semantic conventions: named {@code
 * {method} {route}}, an error on 5xx only, parent extracted from the request headers with the
 * {@code OpenTelemetry} instance's propagators, whatever headers they read (a malformed header
 * starts a new trace).
 */
public final class HttpServerTracing extends HttpTracing {
  private static final AttributeList START_KEYS = AttributeList.of(
      AttributeKey.HTTP_REQUEST_METHOD, AttributeKey.HTTP_REQUEST_METHOD_ORIGINAL,
      AttributeKey.URL_PATH, AttributeKey.URL_QUERY, AttributeKey.URL_SCHEME,
      AttributeKey.HTTP_ROUTE, AttributeKey.SERVER_ADDRESS, AttributeKey.SERVER_PORT,
      AttributeKey.CLIENT_ADDRESS, AttributeKey.NETWORK_PEER_ADDRESS,
      AttributeKey.NETWORK_PEER_PORT, AttributeKey.NETWORK_PROTOCOL_VERSION,
      AttributeKey.USER_AGENT_ORIGINAL);
  /** Body sizes are opt-in on spans in the conventions: the map has them, spans do not. */
  private static final AttributeList END_KEYS = AttributeList.of(
      AttributeKey.HTTP_RESPONSE_STATUS_CODE);

  /** Slots of the span-name cache. */
  private static final int NAMES = 64;

  private final TextMapPropagator propagator;
  private final AttributeList extracted;
  /** Span names made, by method and route; immutable entries, so racing writes are harmless. */
  private final SpanName[] names = new SpanName[NAMES];

  private record SpanName(String method, String route, String name) {}

  /** Spans through this OpenTelemetry instance, with these HTTP settings. */
  public HttpServerTracing(OpenTelemetry openTelemetry, HttpSettings settings) {
    super(openTelemetry, settings);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.extracted = Spans.headerKeys(propagator);
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
  public AttributeList extractedHeaders() {
    return extracted;
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
    return propagator.extract(Context.root(), attributes, Spans.GETTER);
  }

  @Override
  SpanKind spanKind() {
    return SpanKind.SERVER;
  }

  @Override
  String spanName(AttributeMap attributes) {
    String route = attributes.getString(AttributeKey.HTTP_ROUTE);
    String method = methodName(attributes);
    if (route == null || route.isEmpty()) {
      return method;
    }
    // Methods are the runtime's shared instances and routes the wrappers' constants, so a
    // service's names repeat: found again by identity, not concatenated per request.
    int slot = (route.hashCode() * 31 + method.hashCode()) & (NAMES - 1);
    SpanName known = names[slot];
    if (known != null && known.method == method && known.route == route) {
      return known.name;
    }
    String name = method + " " + route;
    names[slot] = new SpanName(method, route, name); // racy on purpose: a lost write is a miss
    return name;
  }

  @Override
  void startAttributes(SpanBuilder span, AttributeMap attributes) {
    Spans.copy(attributes, START_KEYS, span);
    Spans.copy(attributes, settings.serverRequestHeaders(), span);
  }

  @Override
  void endAttributes(Span span, AttributeMap attributes) {
    Spans.copy(attributes, END_KEYS, span);
    Spans.copy(attributes, settings.serverResponseHeaders(), span);
  }
}
