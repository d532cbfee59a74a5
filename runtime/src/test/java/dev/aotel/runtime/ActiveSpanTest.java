package dev.aotel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class ActiveSpanTest {
  @Test
  void nullOutsideAnySpan() {
    assertThat(Telemetry.activeSpan()).isNull();
  }

  @Test
  void idsOfTheCurrentSpan() {
    SpanContext context = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope scope = Span.wrap(context).makeCurrent()) {
      assertThat(Telemetry.activeSpan()).isEqualTo(
          new ActiveSpan("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"));
    }
    assertThat(Telemetry.activeSpan()).isNull();
  }
}
