package dev.aotel.benchmarks.overhead;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The OTLP/HTTP receiver of {@link HttpOverhead}, run as its own process: answers every {@code
 * POST} ({@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs}) with an empty 200, counts the
 * spans of {@code /v1/traces}, and answers {@code GET /spans} with the count so far.
 *
 * <p>It shares the machine's two cores with the service under test, so it is built to cost every
 * configuration as little as it can, and the same: plain blocking sockets with one buffer per
 * connection (HTTP/1.1 keep-alive, {@code Content-Length} or chunked bodies), spans counted by
 * walking the protobuf wire format instead of decoding into objects, and that walk compiled
 * before it reports {@code ready}. A JDK {@code HttpServer} decoding with protobuf-java cost 3 to
 * 8 µs of CPU per span here, most of it while its own JIT warmed up.
 */
public final class SpanCountingReceiver {
  private static final AtomicLong SPANS = new AtomicLong();
  private static final byte[] OK = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\n"
      + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

  private SpanCountingReceiver() {}

  public static void main(String[] args) throws IOException {
    warmUp();
    ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 64,
        InetAddress.getLoopbackAddress());
    System.out.println("ready");
    while (true) {
      Socket socket = server.accept();
      Thread thread = new Thread(() -> serve(socket), "receiver");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private static void serve(Socket socket) {
    try (socket; InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream()) {
      Request request = new Request(in);
      while (request.next()) {
        if (request.method.equals("GET")) {
          byte[] text = String.valueOf(SPANS.get()).getBytes(StandardCharsets.US_ASCII);
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + text.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.write(text);
        } else {
          if (request.path.equals("/v1/traces")) {
            SPANS.addAndGet(countSpans(request.body, request.bodyLength));
          }
          out.write(OK);
        }
        out.flush();
      }
    } catch (IOException e) {
      // the exporter hung up: nothing to count
    }
  }

  /** Compiles {@link #countSpans} before the first real request: a message of 512 spans. */
  private static void warmUp() {
    ByteArrayOutputStream scope = new ByteArrayOutputStream();
    for (int i = 0; i < 512; i++) {
      scope.write(0x12); // field 2, length-delimited: one span
      scope.write(40);
      scope.writeBytes(new byte[40]);
    }
    byte[] request = lengthDelimited(1, lengthDelimited(2, scope.toByteArray()));
    long total = 0;
    for (int i = 0; i < 20_000; i++) {
      total += countSpans(request, request.length);
    }
    if (total != 512L * 20_000) {
      throw new AssertionError("the span count is wrong: " + total);
    }
  }

  private static byte[] lengthDelimited(int field, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(field << 3 | 2);
    for (int length = value.length; ; length >>>= 7) {
      if (length < 0x80) {
        out.write(length);
        break;
      }
      out.write(length & 0x7f | 0x80);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  /** One HTTP/1.1 request after another from a connection, with its body in a reused buffer. */
  private static final class Request {
    private final InputStream in;
    String method;
    String path;
    byte[] body = new byte[1 << 18];
    int bodyLength;

    Request(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      String line = line();
      if (line == null) {
        return false;
      }
      String[] parts = line.split(" ");
      method = parts[0];
      path = parts[1];
      long length = 0;
      boolean chunked = false;
      boolean gzip = false;
      for (String header; !(header = line()).isEmpty(); ) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("content-encoding:") && lower.contains("gzip")) {
          gzip = true;
        }
      }
      bodyLength = 0;
      if (chunked) {
        for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
          read(size);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else {
        read((int) length);
      }
      if (gzip) {
        body = new GZIPInputStream(new ByteArrayInputStream(body, 0, bodyLength)).readAllBytes();
        bodyLength = body.length;
      }
      return true;
    }

    private void read(int n) throws IOException {
      if (bodyLength + n > body.length) {
        body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
      }
      int done = in.readNBytes(body, bodyLength, n);
      if (done < n) {
        throw new EOFException();
      }
      bodyLength += n;
    }

    /** A header line without its CRLF, or null at the end of the stream before any byte. */
    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) {
          if (line.length() == 0) {
            return null;
          }
          throw new EOFException();
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }
  }

  /** Where spans sit: resource_spans (1) → scope_spans (2) → spans (2), all length-delimited. */
  private static final int[] PATH = {1, 2, 2};

  /** Spans in an {@code ExportTraceServiceRequest}. */
  static long countSpans(byte[] message, int length) {
    return count(message, 0, length, 0);
  }

  /** Fields {@code PATH[depth]} in {@code message[from, to)}, or what they hold further down. */
  private static long count(byte[] message, int from, int to, int depth) {
    long found = 0;
    int[] cursor = {from};
    while (cursor[0] < to) {
      long tag = varint(message, cursor);
      switch ((int) (tag & 7)) {
        case 0 -> varint(message, cursor);
        case 1 -> cursor[0] += 8;
        case 2 -> {
          int length = (int) varint(message, cursor);
          int start = cursor[0];
          cursor[0] += length;
          if (tag >>> 3 == PATH[depth]) {
            found += depth == PATH.length - 1 ? 1
                : count(message, start, start + length, depth + 1);
          }
        }
        case 5 -> cursor[0] += 4;
        default -> throw new IllegalArgumentException("wire type " + (tag & 7));
      }
    }
    return found;
  }

  private static long varint(byte[] message, int[] cursor) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = message[cursor[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("malformed varint");
  }
}
