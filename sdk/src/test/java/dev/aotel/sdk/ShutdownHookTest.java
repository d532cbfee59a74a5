package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownHookTest {
  @Test
  void spansAreFlushedAtJvmExitWhenCloseWasNeverCalled() throws Exception {
    BlockingQueue<ExportTraceServiceRequest> received = new LinkedBlockingQueue<>();
    HttpServer collector = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext("/v1/traces", exchange -> {
      try (exchange) {
        received.add(ExportTraceServiceRequest.parseFrom(exchange.getRequestBody()));
        exchange.sendResponseHeaders(200, -1);
      }
    });
    collector.start();
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ExitWithoutClose.class.getName(), Integer.toString(collector.getAddress().getPort()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
      assertThat(child.exitValue()).isZero();
      ExportTraceServiceRequest request = received.poll(5, TimeUnit.SECONDS);
      assertThat(request).as("spans flushed by the shutdown hook").isNotNull();
      assertThat(request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getName())
          .isEqualTo("GET /b");
    } finally {
      collector.stop(0);
    }
  }
}
