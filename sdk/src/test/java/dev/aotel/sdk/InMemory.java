package dev.aotel.sdk;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** AotelSdk with the real SDK exporting to memory; helpers to wait for spans. */
final class InMemory {
  private InMemory() {}

  static AotelSdk.Builder builder(InMemorySpanExporter exporter) {
    return AotelSdk.builder()
        .serviceName("aotel-test")
        .registerGlobal(false)
        .property("otel.traces.exporter", "none")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .customize(b -> b.addTracerProviderCustomizer(
            (tracerProvider, config) -> tracerProvider.addSpanProcessor(
                SimpleSpanProcessor.create(exporter))));
  }

  /** Waits (at most 10 s) until the exporter holds {@code count} spans matching the filter. */
  static List<SpanData> await(InMemorySpanExporter exporter, int count,
      Predicate<SpanData> filter) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<SpanData> spans = exporter.getFinishedSpanItems().stream().filter(filter).toList();
      if (spans.size() >= count || System.nanoTime() > deadline) {
        return spans;
      }
      Thread.sleep(10);
    }
  }
}
