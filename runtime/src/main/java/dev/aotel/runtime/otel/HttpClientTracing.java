package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.KeyPool;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CLIENT spans for outgoing HTTP calls: named after the method, an error on 4xx and 5xx, and the
 * propagators' headers ({@code traceparent}, {@code tracestate}, {@code baggage} by default)
 * injected into the request.
 */
public final class HttpClientTracing extends HttpTracing {
  private final TextMapPropagator propagator;
  private final AttributeList injected;

  /** Spans through this OpenTelemetry instance, with these HTTP settings. */
  public HttpClientTracing(OpenTelemetry openTelemetry, HttpSettings settings) {
    super(openTelemetry, settings, 400);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    Collection<String> fields = propagator.fields();
    List<SemconvKey> keys = new ArrayList<>();
    for (String field : fields) {
      keys.add(KeyPool.requestHeader(field));
    }
    this.injected = AttributeList.of(keys.toArray(new SemconvKey[0]));
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
  public List<String> onOperationInject(long id, AttributeMap attributes) {
    Context context = context(attributes);
    if (context == null) {
      return List.of();
    }
    Map<String, String> carrier = new HashMap<>();
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
    putMethod(span, attributes);
    Spans.put(span, AttributeKey.URL_FULL, attributes.get(AttributeKey.URL_FULL));
    Spans.put(span, AttributeKey.SERVER_ADDRESS, attributes.get(AttributeKey.SERVER_ADDRESS));
    Spans.put(span, AttributeKey.SERVER_PORT, attributes.get(AttributeKey.SERVER_PORT));
    Spans.putHeaders(span, settings.clientRequestHeaders(), attributes);
  }

  @Override
  void endAttributes(Span span, AttributeMap attributes) {
    putStatus(span, attributes);
    Spans.put(span, AttributeKey.NETWORK_PROTOCOL_VERSION,
        attributes.get(AttributeKey.NETWORK_PROTOCOL_VERSION));
    Spans.putHeaders(span, settings.clientResponseHeaders(), attributes);
  }
}
