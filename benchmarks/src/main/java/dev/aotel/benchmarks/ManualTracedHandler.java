package dev.aotel.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;

/**
 * The least a tracing layer can do per request, for the load scripts' {@code manual}
 * configuration: one SERVER span through aotel's tracer (so aotel's own span, batch processor and
 * OTLP exporter), the four attributes the conventions require and a fixed name, current while the
 * handler runs, ended after it. No propagation, no log correlation, no registry: a floor for what
 * any restructuring of aotel's request path could reach, not an instrumentation to use.
 */
final class ManualTracedHandler implements HttpHandler {
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private final Tracer tracer = GlobalOpenTelemetry.getTracer("dev.aotel");
  private final HttpHandler delegate;

  ManualTracedHandler(HttpHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Span span = tracer.spanBuilder("GET /hello").setSpanKind(SpanKind.SERVER)
        .setAttribute(METHOD, exchange.getRequestMethod())
        .setAttribute(PATH, exchange.getRequestURI().getRawPath())
        .setAttribute(SCHEME, "http")
        .startSpan();
    try (Scope scope = span.makeCurrent()) {
      delegate.handle(exchange);
    } finally {
      span.setAttribute(STATUS, (long) exchange.getResponseCode());
      span.end();
    }
  }
}
