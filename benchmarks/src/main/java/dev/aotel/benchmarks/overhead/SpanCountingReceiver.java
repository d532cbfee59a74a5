package dev.aotel.benchmarks.overhead;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The OTLP/HTTP receiver of {@link HttpOverhead}, run as its own process: accepts {@code
 * /v1/traces}, {@code /v1/metrics} and {@code /v1/logs}, counts the spans it receives, and answers
 * {@code GET /spans} with the count so far. It counts by walking the protobuf wire format instead
 * of decoding into objects: it shares the machine's two cores with the service under test, so it
 * should cost every configuration as little as it can, and the same.
 */
public final class SpanCountingReceiver {
  private static final AtomicLong SPANS = new AtomicLong();
  private static final AtomicLong REQUESTS = new AtomicLong();

  private SpanCountingReceiver() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 64);
    server.createContext("/v1/traces", exchange -> {
      try (exchange) {
        byte[] body = body(exchange);
        SPANS.addAndGet(countSpans(body));
        REQUESTS.incrementAndGet();
        ok(exchange);
      }
    });
    server.createContext("/v1/", exchange -> {
      try (exchange) {
        body(exchange);
        ok(exchange);
      }
    });
    server.createContext("/spans", exchange -> {
      try (exchange) {
        byte[] text = (SPANS.get() + " " + REQUESTS.get()).getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, text.length);
        exchange.getResponseBody().write(text);
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println("ready");
  }

  private static byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    return in.readAllBytes();
  }

  /** An empty {@code Export*ServiceResponse}: zero bytes of protobuf. */
  private static void ok(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, -1);
    OutputStream unused = exchange.getResponseBody();
    unused.close();
  }

  /**
   * Spans in an {@code ExportTraceServiceRequest}: field 1 (resource_spans) → field 2
   * (scope_spans) → field 2 (spans), all length-delimited.
   */
  static long countSpans(byte[] message) {
    long spans = 0;
    Wire top = new Wire(message, 0, message.length);
    while (top.next()) {
      if (top.field == 1 && top.isLength()) {
        Wire resource = top.sub();
        while (resource.next()) {
          if (resource.field == 2 && resource.isLength()) {
            Wire scope = resource.sub();
            while (scope.next()) {
              if (scope.field == 2 && scope.isLength()) {
                spans++;
              }
              scope.skip();
            }
          }
          resource.skip();
        }
      }
      top.skip();
    }
    return spans;
  }

  /** A cursor over the fields of one protobuf message. */
  private static final class Wire {
    private final byte[] bytes;
    private int position;
    private final int end;
    int field;
    private int wireType;
    private int length;
    private int valueStart;

    Wire(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.position = start;
      this.end = end;
    }

    boolean next() {
      if (position >= end) {
        return false;
      }
      long tag = varint();
      field = (int) (tag >>> 3);
      wireType = (int) (tag & 7);
      if (wireType == 2) {
        length = (int) varint();
      }
      valueStart = position;
      return true;
    }

    boolean isLength() {
      return wireType == 2;
    }

    Wire sub() {
      return new Wire(bytes, valueStart, valueStart + length);
    }

    void skip() {
      switch (wireType) {
        case 0 -> varint();
        case 1 -> position += 8;
        case 2 -> position = valueStart + length;
        case 5 -> position += 4;
        default -> throw new IllegalArgumentException("wire type " + wireType);
      }
    }

    private long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[position++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("malformed varint");
    }
  }
}
