package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.SemconvKey;
import dev.aotel.runtime.internal.KeyPool;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/** Small helpers the tracing instruments share. */
final class Spans {
  private Spans() {}

  /**
   * Reads the propagation headers the runtime carried in an operation's map. {@code get} joins
   * repeated headers with commas (W3C: several {@code tracestate} or {@code baggage} headers are
   * one list); {@code getAll} gives them whole and in order.
   */
  static final TextMapGetter<AttributeMap> GETTER = new TextMapGetter<>() {
    // Deprecated in 1.67 but still called by propagators that scan the carrier's keys.
    @Override
    @SuppressWarnings("deprecation")
    public Iterable<String> keys(AttributeMap carrier) {
      List<String> names = new ArrayList<>();
      for (SemconvKey key : carrier.keys()) {
        if (key.headerName() != null && key.semconvName()
            .startsWith(dev.aotel.runtime.AttributeKey.REQUEST_HEADER_PREFIX)) {
          names.add(key.headerName());
        }
      }
      return names;
    }

    @Override
    public String get(AttributeMap carrier, String name) {
      List<String> values = values(carrier, name);
      if (values == null || values.isEmpty()) {
        return null;
      }
      return values.size() == 1 ? values.get(0) : String.join(",", values);
    }

    @Override
    public Iterator<String> getAll(AttributeMap carrier, String name) {
      List<String> values = values(carrier, name);
      return values == null ? Collections.emptyIterator() : values.iterator();
    }

    private List<String> values(AttributeMap carrier, String name) {
      if (carrier == null || name == null) {
        return null;
      }
      try {
        return carrier.getStrings(KeyPool.propagationHeader(name));
      } catch (IllegalArgumentException e) {
        return null; // not a header name a request can carry
      }
    }
  };

  /** The header keys of the propagator's fields, with a plain loop (no lambda at start-up). */
  static AttributeList headerKeys(TextMapPropagator propagator) {
    List<SemconvKey> keys = new ArrayList<>();
    for (String field : propagator.fields()) {
      keys.add(KeyPool.propagationHeader(field));
    }
    return AttributeList.of(keys.toArray(new SemconvKey[0]));
  }

  /**
   * Sets every key of the list that has a value on the span being built. Indexed loops and no
   * method reference: nothing allocated per request beyond what the span keeps.
   */
  @SuppressWarnings("unchecked")
  static void copy(AttributeMap attributes, AttributeList keys, SpanBuilder span) {
    for (int i = 0, n = keys.size(); i < n; i++) {
      SemconvKey key = keys.get(i);
      Object value = attributes.get(key);
      if (value != null) {
        span.setAttribute((AttributeKey<Object>) key.otelKey(), value);
      }
    }
  }

  /** Like {@link #copy(AttributeMap, AttributeList, SpanBuilder)}, on a started span. */
  @SuppressWarnings("unchecked")
  static void copy(AttributeMap attributes, AttributeList keys, Span span) {
    for (int i = 0, n = keys.size(); i < n; i++) {
      SemconvKey key = keys.get(i);
      Object value = attributes.get(key);
      if (value != null) {
        span.setAttribute((AttributeKey<Object>) key.otelKey(), value);
      }
    }
  }
}
