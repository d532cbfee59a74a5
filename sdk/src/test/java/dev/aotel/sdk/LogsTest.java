package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trace context in log lines (Logback, its AsyncAppender, Log4j 2, JUL) and log records exported,
 * with nothing but the pattern configured: the MDC is aotel's scope hook.
 */
class LogsTest {
  private static final Path LOGS = Path.of(System.getProperty("aotel.logs.dir"));

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  /** New with each SDK: shutting one down stops its exporter for good. */
  private InMemoryLogRecordExporter records;
  private final ByteArrayOutputStream julLines = new ByteArrayOutputStream();
  private StreamHandler jul;
  private AotelSdk aotel;
  private HttpServer server;
  private ExecutorService oneThread;

  @BeforeEach
  void start() throws Exception {
    LoggingServices.SEEN.clear();
    aotel = startAotel("otel.logs.exporter", "test");
    jul = new StreamHandler(julLines, new dev.aotel.sdk.logging.TraceContextFormatter());
    LoggingServices.JUL.addHandler(jul);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    oneThread = Executors.newSingleThreadExecutor();
    server.setExecutor(oneThread); // both requests on the same pooled thread
    server.createContext("/logs", new TracedLoggingServices_Logs(new LoggingServices.Logs()));
    server.createContext("/plain", new LoggingServices.Plain());
    server.start();
  }

  /** With spans recorded (not no-op: the ids must be valid) and one more setting. */
  private AotelSdk startAotel(String key, String value) {
    InMemoryLogRecordExporter exporter = InMemoryLogRecordExporter.create();
    records = exporter;
    return AotelSdk.builder().registerGlobal(false)
        .property("otel.traces.exporter", "none")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "test")
        .property(key, value)
        .customize(b -> b
            .addTracerProviderCustomizer((tracers, config) ->
                tracers.addSpanProcessor(SimpleSpanProcessor.create(spans)))
            .addLoggerProviderCustomizer((logs, config) ->
                logs.addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))))
        .start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(0);
    oneThread.shutdownNow();
    LoggingServices.JUL.removeHandler(jul);
    aotel.close();
  }

  private void get(String pathAndQuery) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  /** The line of a log file that contains the marker, once it is there (at most 10 s). */
  private static String lineWith(Path file, String marker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        Optional<String> line = Files.readAllLines(file).stream()
            .filter(l -> l.endsWith(" " + marker)).findFirst();
        if (line.isPresent()) {
          return line.get();
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line ending in " + marker + " in " + file);
  }

  /** The exported record with this body, once it is there (at most 10 s). */
  private LogRecordData record(String body) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<LogRecordData> record = records.getFinishedLogRecordItems().stream()
          .filter(r -> r.getBodyValue() != null && r.getBodyValue().asString().equals(body))
          .findFirst();
      if (record.isPresent()) {
        return record.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no log record " + body + " exported");
  }

  private LoggingServices.Seen seen(String where) throws InterruptedException {
    LoggingServices.Seen seen = LoggingServices.SEEN.poll(10, TimeUnit.SECONDS);
    assertThat(seen).as(where).isNotNull();
    assertThat(seen.where()).isEqualTo(where);
    return seen;
  }

  @Test
  void everyLibraryPrintsTheIdsOfTheExportedSpanAndNothingLeaks() throws Exception {
    String marker = UUID.randomUUID().toString();
    get("/logs?" + marker);
    get("/plain");

    List<SpanData> finished = InMemory.await(spans, 2, s -> true);
    SpanData server = finished.stream().filter(s -> s.getName().equals("GET /logs"))
        .findFirst().orElseThrow();
    SpanData nested = finished.stream().filter(s -> s.getName().equals("nested.work"))
        .findFirst().orElseThrow();
    String traceId = server.getTraceId();
    // The span's W3C flags as they are: SDK 1.67 sets sampled (01) and, for the random trace
    // ids it generates, the Level 2 random bit (02), so "03".
    String flags = server.getSpanContext().getTraceFlags().asHex();
    assertThat(server.getSpanContext().getTraceFlags().isSampled()).isTrue();
    String ids = traceId + " " + server.getSpanId() + " " + flags;
    assertThat(traceId).matches("[0-9a-f]{32}");
    assertThat(server.getSpanId()).matches("[0-9a-f]{16}");

    // The real MDC (and ThreadContext) inside the handler, the inner span's inside nested work,
    // the outer's after it, and nothing on the same thread for the next, untraced request.
    LoggingServices.Seen handler = seen("handler");
    assertThat(handler.mdc()).containsEntry("trace_id", traceId)
        .containsEntry("span_id", server.getSpanId()).containsEntry("trace_flags", flags);
    assertThat(handler.threadContext()).containsEntry("trace_id", traceId)
        .containsEntry("span_id", server.getSpanId());
    assertThat(seen("nested").mdc()).containsEntry("span_id", nested.getSpanId());
    assertThat(seen("after nested").mdc()).containsEntry("span_id", server.getSpanId());
    LoggingServices.Seen plain = seen("plain");
    assertThat(plain.mdc()).isEmpty();
    assertThat(plain.threadContext()).isEmpty();

    assertThat(lineWith(LOGS.resolve("logback.log"), marker))
        .isEqualTo(ids + " [handler] logback " + marker);
    assertThat(lineWith(LOGS.resolve("logback.log"), "nested " + marker))
        .startsWith(traceId + " " + nested.getSpanId() + " " + flags + " [nested]");
    assertThat(lineWith(LOGS.resolve("logback-async.log"), marker))
        .isEqualTo(ids + " [async] async " + marker);
    assertThat(lineWith(LOGS.resolve("log4j2.log"), marker))
        .isEqualTo(ids + " [handler4j] log4j " + marker);
    jul.flush();
    assertThat(julLines.toString(StandardCharsets.UTF_8)).contains("jul " + marker
        + " trace_id=" + traceId + " span_id=" + server.getSpanId() + " trace_flags=" + flags);

    // Exported log records carry the same ids, severity and logger name.
    for (String logger : List.of("handler", "handler4j")) {
      LogRecordData record = records.getFinishedLogRecordItems().stream()
          .filter(r -> r.getInstrumentationScopeInfo().getName().equals(logger))
          .filter(r -> r.getBodyValue() != null
              && r.getBodyValue().asString().contains(marker))
          .findFirst().orElseThrow(() -> new AssertionError("no record from " + logger));
      assertThat(record.getSpanContext().getTraceId()).isEqualTo(traceId);
      assertThat(record.getSpanContext().getSpanId()).isEqualTo(server.getSpanId());
      assertThat(record.getSeverity()).isEqualTo(Severity.INFO);
    }
  }

  @Test
  void theAgentsSwitchesTurnEachThreadContextOff() throws Exception {
    aotel.close();
    aotel = startAotel("otel.instrumentation.logback-mdc.enabled", "false");
    new TracedLoggingServices_Nested(new LoggingServices.Nested()).work("x");
    LoggingServices.Seen seen = seen("nested");
    assertThat(seen.mdc()).doesNotContainKey("trace_id");
    assertThat(seen.threadContext().get("trace_id")).matches("[0-9a-f]{32}");
    // The switch is about the MDC only: the Logback record is still exported with the span's ids
    // (once the SDK built in the background has taken over the records kept until then).
    assertThat(record("nested x").getSpanContext().getTraceId())
        .isEqualTo(seen.threadContext().get("trace_id"));
    aotel.close();

    aotel = startAotel("otel.instrumentation.log4j-context-data.enabled", "false");
    new TracedLoggingServices_Nested(new LoggingServices.Nested()).work("y");
    seen = seen("nested");
    assertThat(seen.mdc().get("trace_id")).matches("[0-9a-f]{32}");
    assertThat(seen.threadContext()).doesNotContainKey("trace_id");
  }

  @Test
  void valuesThatWereThereBeforeAreRestored() throws Exception {
    org.slf4j.MDC.put("trace_id", "set-by-the-application");
    try {
      new TracedLoggingServices_Nested(new LoggingServices.Nested()).work("x");
      assertThat(seen("nested").mdc().get("trace_id")).matches("[0-9a-f]{32}");
      assertThat(org.slf4j.MDC.get("trace_id")).isEqualTo("set-by-the-application");
      assertThat(org.slf4j.MDC.get("span_id")).isNull();
    } finally {
      org.slf4j.MDC.clear();
    }
  }
}
