package dev.aotel.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An instrument that records every hook call as a line, for assertions. */
public class RecordingInstrument implements Instrument {
  public final List<String> calls;
  public final List<AttributeMap> maps = new CopyOnWriteArrayList<>();
  private final InstrumentKind kind;
  private final String name;

  public RecordingInstrument(InstrumentKind kind, String name) {
    this(kind, name, new CopyOnWriteArrayList<>());
  }

  /** Records into a log shared with other instruments, to check their relative order. */
  public RecordingInstrument(InstrumentKind kind, String name, List<String> calls) {
    this.kind = kind;
    this.name = name;
    this.calls = calls;
  }

  @Override
  public InstrumentKind kind() {
    return kind;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void onOperationStart(AttributeMap attributes) {
    calls.add(name + ":start");
    maps.add(attributes);
  }

  @Override
  public io.opentelemetry.context.Scope makeCurrent(AttributeMap attributes) {
    calls.add(name + ":enter");
    maps.add(attributes);
    return () -> calls.add(name + ":exit");
  }

  @Override
  public void onOperationError(AttributeMap attributes, Throwable error) {
    calls.add(name + ":error:" + error.getClass().getSimpleName());
    maps.add(attributes);
  }

  @Override
  public void onOperationEnd(AttributeMap attributes) {
    calls.add(name + ":end");
    maps.add(attributes);
  }
}
