package dev.aotel.benchmarks;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;

/**
 * An HTTP server instrument that does nothing: what is left is aotel's own work. It declares the
 * W3C headers as extracted headers, as the tracing instrument does, so the runtime carries them.
 */
final class NoopInstrument implements Instrument {
  @Override
  public InstrumentKind kind() {
    return InstrumentKind.HTTP_SERVER;
  }

  @Override
  public String name() {
    return "no-op";
  }

  @Override
  public AttributeList extractedHeaders() {
    return AttributeList.of(HttpHeader.TRACEPARENT.requestKey(),
        HttpHeader.TRACESTATE.requestKey(), HttpHeader.BAGGAGE.requestKey());
  }
}
