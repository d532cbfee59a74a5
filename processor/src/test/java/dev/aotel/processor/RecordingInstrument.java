package dev.aotel.processor;

import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import dev.aotel.runtime.Telemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** Records hook calls and, at each end, a snapshot of the operation's attributes. */
final class RecordingInstrument implements Instrument {
  /** One ended operation. */
  record Ended(String name, Map<String, Object> attributes, String error) {}

  final List<String> calls = new CopyOnWriteArrayList<>();
  final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();
  private final InstrumentKind kind;
  private long id;

  private RecordingInstrument(InstrumentKind kind) {
    this.kind = kind;
  }

  /** A new recorder, attached to {@link Telemetry} until {@link #detach()}. */
  static RecordingInstrument attach(InstrumentKind kind) {
    RecordingInstrument instrument = new RecordingInstrument(kind);
    instrument.id = Telemetry.attach(instrument);
    return instrument;
  }

  void detach() {
    Telemetry.detach(id);
  }

  @Override
  public InstrumentKind kind() {
    return kind;
  }

  @Override
  public String name() {
    return "recording";
  }

  /** Like a tracing instrument, it reads the W3C headers to extract context. */
  @Override
  public dev.aotel.runtime.AttributeList extractedHeaders() {
    return dev.aotel.runtime.AttributeList.of(
        dev.aotel.runtime.HttpHeader.TRACEPARENT.requestKey(),
        dev.aotel.runtime.HttpHeader.TRACESTATE.requestKey());
  }

  @Override
  public void onOperationStart(AttributeMap attributes) {
    calls.add("start");
  }

  @Override
  public io.opentelemetry.context.Scope makeCurrent(AttributeMap attributes) {
    calls.add("enter");
    return () -> calls.add("exit");
  }

  @Override
  public void onOperationError(AttributeMap attributes, Throwable error) {
    calls.add("error:" + error.getClass().getSimpleName());
    attributes.setState(this, error.toString());
  }

  @Override
  public void onOperationEnd(AttributeMap attributes) {
    calls.add("end");
    Map<String, Object> snapshot = new LinkedHashMap<>();
    for (SemconvKey key : attributes.keys()) {
      snapshot.put(key.semconvName(), attributes.get(key));
    }
    ended.add(new Ended(attributes.operationName(), snapshot, (String) attributes.state(this)));
  }
}
