package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Log records over OTLP/HTTP, decoded at /v1/logs, carry the exported server span's ids. */
class LogExportTest {
  @Test
  void theExportedRecordCarriesTheExportedSpansIds() throws Exception {
    List<ExportTraceServiceRequest> traces = new CopyOnWriteArrayList<>();
    List<ExportLogsServiceRequest> logs = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/traces", exchange -> {
      try (exchange) {
        traces.add(ExportTraceServiceRequest.parseFrom(exchange.getRequestBody()));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    collector.createContext("/v1/logs", exchange -> {
      try (exchange) {
        logs.add(ExportLogsServiceRequest.parseFrom(exchange.getRequestBody()));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    collector.start();
    String marker = UUID.randomUUID().toString();
    try (Services.Server server = Services.Server.start()) {
      server.route("/logs", new TracedLoggingServices_Logs(new LoggingServices.Logs()));
      server.route("/plain", new LoggingServices.Plain());
      try (AotelSdk aotel = AotelSdk.builder()
          .registerGlobal(false)
          .property("otel.exporter.otlp.endpoint",
              "http://127.0.0.1:" + collector.getAddress().getPort())
          .property("otel.metrics.exporter", "none")
          .start()) {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(server.uri("/logs?" + marker))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        // The server's one dispatcher thread answers this only after the /logs handler (and
        // with it the operation) has returned.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/plain")).build(),
            HttpResponse.BodyHandlers.discarding());
      } // close() flushes spans and log records
    } finally {
      collector.stop(0);
    }
    Span span = traces.stream().flatMap(r -> r.getResourceSpansList().stream())
        .flatMap(r -> r.getScopeSpansList().stream()).flatMap(s -> s.getSpansList().stream())
        .filter(s -> s.getName().equals("GET /logs")).findFirst().orElseThrow();
    List<LogRecord> records = logs.stream().flatMap(r -> r.getResourceLogsList().stream())
        .flatMap(r -> r.getScopeLogsList().stream()).flatMap(s -> s.getLogRecordsList().stream())
        .filter(r -> r.getBody().getStringValue().contains(marker)).toList();
    assertThat(records).extracting(r -> r.getBody().getStringValue())
        .contains("logback " + marker, "log4j " + marker);
    for (LogRecord record : records) {
      assertThat(record.getTraceId()).isEqualTo(span.getTraceId());
      assertThat(record.getSeverityText()).isEqualTo("INFO");
      if (record.getBody().getStringValue().startsWith("nested")) { // its own, child span
        assertThat(record.getSpanId()).isNotEqualTo(span.getSpanId()).hasSize(8);
      } else {
        assertThat(record.getSpanId()).isEqualTo(span.getSpanId());
      }
    }
    LoggingServices.SEEN.clear();
  }
}
