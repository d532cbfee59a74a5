package dev.aotel.processor;

import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
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

  RecordingInstrument(InstrumentKind kind) {
    this.kind = kind;
  }

  @Override
  public InstrumentKind kind() {
    return kind;
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public void onOperationStart(long id, AttributeMap attributes) {
    calls.add("start");
  }

  @Override
  public io.opentelemetry.context.Scope makeCurrent(long id, AttributeMap attributes) {
    calls.add("enter");
    return () -> calls.add("exit");
  }

  @Override
  public void onOperationError(long id, AttributeMap attributes, Throwable error) {
    calls.add("error:" + error.getClass().getSimpleName());
    attributes.setState(this, error.toString());
  }

  @Override
  public void onOperationEnd(long id, AttributeMap attributes) {
    calls.add("end");
    Map<String, Object> snapshot = new LinkedHashMap<>();
    for (SemconvKey key : attributes.keys()) {
      snapshot.put(key.semconvName(), attributes.get(key));
    }
    ended.add(new Ended(attributes.operationName(), snapshot, (String) attributes.state(this)));
  }
}
