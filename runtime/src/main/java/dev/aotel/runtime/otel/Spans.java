package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.KeyPool;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.List;

/** Small helpers the tracing instruments share. */
final class Spans {
  private Spans() {}

  /** Reads propagation headers from an operation's map: every value of a header, joined. */
  static final TextMapGetter<AttributeMap> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(AttributeMap carrier) {
      List<String> names = new ArrayList<>();
      for (SemconvKey key : carrier.keys()) {
        if (key.headerName() != null
            && key.semconvName().startsWith(dev.aotel.runtime.AttributeKey.REQUEST_HEADER_PREFIX)) {
          names.add(key.headerName());
        }
      }
      return names;
    }

    @Override
    public String get(AttributeMap carrier, String name) {
      if (carrier == null || name == null) {
        return null;
      }
      HttpHeader fast = HttpHeader.lookup(name);
      SemconvKey key = fast != null ? fast.requestKey() : KeyPool.requestHeader(name);
      List<String> values = carrier.getStrings(key);
      if (values == null || values.isEmpty()) {
        return null;
      }
      // W3C: several tracestate (or baggage) headers are one list, joined by commas.
      return values.size() == 1 ? values.get(0) : String.join(",", values);
    }
  };

  @SuppressWarnings("unchecked")
  static void put(SpanBuilder span, SemconvKey key, Object value) {
    if (value != null && key != KeyPool.OVERFLOW) {
      span.setAttribute((AttributeKey<Object>) key.otelKey(), value);
    }
  }

  @SuppressWarnings("unchecked")
  static void put(Span span, SemconvKey key, Object value) {
    if (value != null && key != KeyPool.OVERFLOW) {
      span.setAttribute((AttributeKey<Object>) key.otelKey(), value);
    }
  }

  /** Copies the captured header keys this instrument is configured for. */
  static void putHeaders(SpanBuilder span, AttributeList keys, AttributeMap attributes) {
    for (SemconvKey key : keys) {
      put(span, key, attributes.get(key));
    }
  }

  static void putHeaders(Span span, AttributeList keys, AttributeMap attributes) {
    for (SemconvKey key : keys) {
      put(span, key, attributes.get(key));
    }
  }
}
