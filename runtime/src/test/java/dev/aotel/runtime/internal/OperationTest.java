package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.Instrument;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.RecordingInstrument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationTest {
  private final List<Long> attached = new ArrayList<>();

  @AfterEach
  void detachAll() {
    attached.forEach(Telemetry::detach);
  }

  private <T extends Instrument> T attach(T instrument) {
    attached.add(Telemetry.attach(instrument));
    return instrument;
  }

  /** The lifecycle generated code runs, written out once here. */
  static <T> T run(InstrumentKind kind, AttributeMap attributes, Callable<T> call)
      throws Exception {
    Operation op = Operation.start(kind, attributes);
    try (Scope scope = op.makeCurrent()) {
      return call.call();
    } catch (Throwable t) {
      op.error(t);
      throw t;
    } finally {
      op.end();
    }
  }

  @Test
  void hooksRunInLifecycleOrderWithTheSameMap() throws Exception {
    RecordingInstrument a = attach(new RecordingInstrument(InstrumentKind.CUSTOM, "a"));
    AttributeMap attributes = new AttributeMap();
    String result = run(InstrumentKind.CUSTOM, attributes, () -> {
      a.calls.add("call");
      return "ok";
    });
    assertThat(result).isEqualTo("ok");
    assertThat(a.calls).containsExactly("a:start", "a:enter", "call", "a:exit", "a:end");
    assertThat(a.maps).allSatisfy(m -> assertThat(m).isSameAs(attributes));
  }

  @Test
  void aThrowingCallRecordsTheErrorAndRethrowsTheSameThrowable() {
    RecordingInstrument a = attach(new RecordingInstrument(InstrumentKind.CUSTOM, "a"));
    IOException boom = new IOException("boom");
    AttributeMap attributes = new AttributeMap();
    assertThatThrownBy(() -> run(InstrumentKind.CUSTOM, attributes, () -> {
      throw boom;
    })).isSameAs(boom);
    assertThat(a.calls).containsExactly("a:start", "a:enter", "a:exit", "a:error:IOException",
        "a:end");
    assertThat(attributes.get(AttributeKey.ERROR_TYPE)).isEqualTo("java.io.IOException");
  }

  @Test
  void aPreciseErrorTypeSetByTheCallerIsKept() {
    attach(new RecordingInstrument(InstrumentKind.CUSTOM, "a"));
    AttributeMap attributes = new AttributeMap().set(AttributeKey.ERROR_TYPE, "java.net.Timeout");
    Operation.start(InstrumentKind.CUSTOM, attributes).error(new RuntimeException());
    assertThat(attributes.get(AttributeKey.ERROR_TYPE)).isEqualTo("java.net.Timeout");
  }

  @Test
  void endRunsExactlyOnce() {
    RecordingInstrument a = attach(new RecordingInstrument(InstrumentKind.CUSTOM, "a"));
    Operation op = Operation.start(InstrumentKind.CUSTOM, new AttributeMap());
    op.end();
    op.end();
    assertThat(op.isEnded()).isTrue();
    assertThat(a.calls).containsExactly("a:start", "a:end");
  }

  @Test
  void anInstrumentDetachedMidOperationStillSeesTheEnd() {
    RecordingInstrument a = new RecordingInstrument(InstrumentKind.CUSTOM, "a");
    long id = Telemetry.attach(a);
    Operation op = Operation.start(InstrumentKind.CUSTOM, new AttributeMap());
    Telemetry.detach(id);
    op.end();
    assertThat(a.calls).containsExactly("a:start", "a:end");
  }

  @Test
  void aThrowingInstrumentNeverBreaksTheCallerNorTheOthers() throws Exception {
    attach(new Instrument() {
      @Override
      public InstrumentKind kind() {
        return InstrumentKind.CUSTOM;
      }

      @Override
      public String name() {
        return "broken";
      }

      @Override
      public void onOperationStart(AttributeMap attributes) {
        throw new IllegalStateException("start");
      }

      @Override
      public Scope makeCurrent(AttributeMap attributes) {
        throw new IllegalStateException("enter");
      }

      @Override
      public void onOperationError(AttributeMap attributes, Throwable error) {
        throw new IllegalStateException("error");
      }

      @Override
      public void onOperationEnd(AttributeMap attributes) {
        throw new IllegalStateException("end");
      }
    });
    RecordingInstrument after = attach(new RecordingInstrument(InstrumentKind.CUSTOM, "after"));
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(run(InstrumentKind.CUSTOM, new AttributeMap(), () -> 42)).isEqualTo(42);
      IllegalArgumentException expected = new IllegalArgumentException("user");
      assertThatThrownBy(() -> run(InstrumentKind.CUSTOM, new AttributeMap(), () -> {
        throw expected;
      })).isSameAs(expected);
    } finally {
      System.setErr(originalErr);
    }
    assertThat(after.calls).containsExactly("after:start", "after:enter", "after:exit",
        "after:end", "after:start", "after:enter", "after:exit",
        "after:error:IllegalArgumentException", "after:end");
    String report = err.toString(StandardCharsets.UTF_8);
    // Seven failures within far less than a second: one report.
    assertThat(report.lines().filter(l -> l.contains("instrument 'broken'"))).hasSize(1);
    assertThat(report).contains("threw in onOperationStart").contains("IllegalStateException");
  }

  /** Records, at scope enter and exit, the span that is current: the operation's or not. */
  static final class ScopeWatcher implements Instrument {
    final List<String> seen = new ArrayList<>();

    @Override
    public InstrumentKind kind() {
      return InstrumentKind.CUSTOM;
    }

    @Override
    public String name() {
      return "watcher";
    }

    @Override
    public void onScopeEnter(AttributeMap attributes) {
      seen.add("enter " + Span.current().getSpanContext().getSpanId());
    }

    @Override
    public void onScopeExit(AttributeMap attributes) {
      seen.add("exit " + Span.current().getSpanContext().getSpanId());
    }
  }

  /** Makes a fixed span current, as a tracing instrument does. */
  static final class ContextMaker implements Instrument {
    static final String SPAN_ID = "00f067aa0ba902b7";

    @Override
    public InstrumentKind kind() {
      return InstrumentKind.CUSTOM;
    }

    @Override
    public String name() {
      return "context";
    }

    @Override
    public Scope makeCurrent(AttributeMap attributes) {
      return Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", SPAN_ID,
          TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void scopeHooksSeeTheOperationsContextWhateverTheAttachOrder(boolean watcherFirst)
      throws Exception {
    ScopeWatcher watcher = new ScopeWatcher();
    if (watcherFirst) {
      attach(watcher);
      attach(new ContextMaker());
    } else {
      attach(new ContextMaker());
      attach(watcher);
    }
    List<String> during = new ArrayList<>();
    run(InstrumentKind.CUSTOM, new AttributeMap(), () -> during.add(
        Span.current().getSpanContext().getSpanId()));
    assertThat(during).containsExactly(ContextMaker.SPAN_ID);
    assertThat(watcher.seen).containsExactly("enter " + ContextMaker.SPAN_ID,
        "exit " + ContextMaker.SPAN_ID);
    assertThat(Span.current().getSpanContext().isValid()).as("closed after the call").isFalse();
  }

  @Test
  void injectPairsValuesWithInjectedHeadersByPosition() {
    attach(new Instrument() {
      @Override
      public InstrumentKind kind() {
        return InstrumentKind.HTTP_CLIENT;
      }

      @Override
      public String name() {
        return "injector";
      }

      @Override
      public AttributeList injectedHeaders() {
        return AttributeList.of(HttpHeader.TRACEPARENT.requestKey(),
            HttpHeader.TRACESTATE.requestKey(), KeyPool.requestHeader("x-extra"));
      }

      @Override
      public List<String> onOperationInject(AttributeMap attributes) {
        return java.util.Arrays.asList("00-abc-def-01", null, "extra");
      }
    });
    Map<String, String> headers = new LinkedHashMap<>();
    Operation op = Operation.start(InstrumentKind.HTTP_CLIENT, new AttributeMap());
    op.inject(headers::put);
    op.end();
    assertThat(headers).containsExactly(Map.entry("traceparent", "00-abc-def-01"),
        Map.entry("x-extra", "extra"));
  }

  @Test
  void stateSlotsArePerInstrumentAndPerOperation() {
    RecordingInstrument a = new RecordingInstrument(InstrumentKind.CUSTOM, "a");
    RecordingInstrument b = new RecordingInstrument(InstrumentKind.CUSTOM, "b");
    RecordingInstrument c = new RecordingInstrument(InstrumentKind.CUSTOM, "c");
    AttributeMap first = new AttributeMap();
    AttributeMap second = new AttributeMap();
    first.setState(a, "a1");
    first.setState(b, "b1");
    first.setState(c, "c1");
    second.setState(a, "a2");
    first.setState(a, "a1'");
    assertThat(first.state(a)).isEqualTo("a1'");
    assertThat(first.state(b)).isEqualTo("b1");
    assertThat(first.state(c)).isEqualTo("c1");
    assertThat(second.state(a)).isEqualTo("a2");
    assertThat(second.state(b)).isNull();
  }
}
