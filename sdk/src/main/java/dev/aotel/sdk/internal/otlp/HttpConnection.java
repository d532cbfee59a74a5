package dev.aotel.sdk.internal.otlp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that POSTs request bodies to one {@code http://} URL and
 * reads the answers: all an OTLP/HTTP exporter needs of HTTP, in one blocking call on the
 * exporter's own thread. It replaces the JDK {@code HttpClient} there, whose selector thread,
 * futures and executor hand-offs cost more CPU per export than encoding the spans, and whose code
 * the JIT compiles while the service is warming up. A connection the server closed while idle is
 * reopened and the request sent once more, as HTTP clients do for a request that got no answer.
 *
 * <p>Internal: not API, may change without notice.
 */
final class HttpConnection implements Closeable {
  /** How much of an error answer's body is kept for the warning. */
  private static final int KEPT_BODY = 512;

  private final String host;
  private final int port;
  private final byte[] head;
  /** Volatile for {@link #abort}, which closes it from another thread. */
  private volatile Socket socket;
  private InputStream in;
  private OutputStream out;
  private final StringBuilder line = new StringBuilder();
  private final byte[] skip = new byte[8192];

  /** What came back: the status, a Retry-After in seconds (or -1), the start of the body. */
  record Response(int status, long retryAfterSeconds, String body) {}

  /**
   * @param headers header lines, each ending in CRLF, sent with every request after Host and
   *     before Content-Length
   */
  HttpConnection(String host, int port, String path, String headers) {
    this.host = host;
    this.port = port;
    // An IPv6 host comes from URL.getHost() in brackets, as the Host header wants it.
    this.head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + headers)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Sends {@code length} bytes of {@code body}; the whole exchange within {@code timeoutMillis}. */
  Response post(byte[] body, int length, int timeoutMillis) throws IOException {
    boolean reused = socket != null;
    try {
      return exchange(body, length, timeoutMillis);
    } catch (IOException e) {
      close();
      if (!reused || e instanceof SocketTimeoutException) {
        throw e;
      }
      return exchange(body, length, timeoutMillis); // the server closed it while idle
    }
  }

  private Response exchange(byte[] body, int length, int timeoutMillis) throws IOException {
    if (socket == null) {
      Socket opened = new Socket();
      try {
        opened.connect(new InetSocketAddress(host, port), Math.max(1, timeoutMillis));
        opened.setTcpNoDelay(true);
        in = new BufferedInputStream(opened.getInputStream(), 8192);
        out = new BufferedOutputStream(opened.getOutputStream(), 8192);
      } catch (IOException e) {
        opened.close();
        throw e;
      }
      socket = opened;
    }
    socket.setSoTimeout(Math.max(1, timeoutMillis));
    out.write(head);
    out.write(("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body, 0, length);
    out.flush();
    return read();
  }

  private Response read() throws IOException {
    String statusLine = readLine();
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    boolean keepAlive = statusLine.startsWith("HTTP/1.1");
    long contentLength = -1;
    boolean chunked = false;
    long retryAfter = -1;
    for (String header = readLine(); !header.isEmpty(); header = readLine()) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> keepAlive = value.equalsIgnoreCase("keep-alive")
            || (keepAlive && !value.equalsIgnoreCase("close"));
        case "retry-after" -> retryAfter = seconds(value);
        default -> { }
      }
    }
    StringBuilder kept = status >= 300 ? new StringBuilder() : null;
    if (chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        body(size, kept);
        readLine();
      }
      while (!readLine().isEmpty()) { } // trailers
    } else if (contentLength >= 0) {
      body(contentLength, kept);
    } else if (status != 204 && status != 304) {
      body(Long.MAX_VALUE, kept); // the body ends with the connection
      keepAlive = false;
    }
    if (!keepAlive) {
      close();
    }
    return new Response(status, retryAfter, kept == null ? "" : kept.toString());
  }

  private static long seconds(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1; // an HTTP date: the exporter's own backoff applies
    }
  }

  private long chunkSize() throws IOException {
    String size = readLine();
    int extension = size.indexOf(';');
    return Long.parseLong((extension >= 0 ? size.substring(0, extension) : size).trim(), 16);
  }

  /** Reads {@code length} bytes (or up to the end of the stream), keeping the first few. */
  private void body(long length, StringBuilder kept) throws IOException {
    while (length > 0) {
      int n = in.read(skip, 0, (int) Math.min(skip.length, length));
      if (n < 0) {
        if (length == Long.MAX_VALUE) {
          return;
        }
        throw new EOFException("the answer ended early");
      }
      if (kept != null && kept.length() < KEPT_BODY) {
        kept.append(new String(skip, 0, Math.min(n, KEPT_BODY - kept.length()),
            StandardCharsets.UTF_8));
      }
      length -= n;
    }
  }

  private String readLine() throws IOException {
    line.setLength(0);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("the connection closed before the answer ended");
      }
      if (b != '\r') {
        if (line.length() > 16 * 1024) {
          throw new IOException("an answer line longer than 16 KB");
        }
        line.append((char) b);
      }
    }
    return line.toString();
  }

  /** Closes the connection from any thread, ending an exchange that waits for an answer. */
  void abort() {
    Socket current = socket;
    if (current != null) {
      try {
        current.close();
      } catch (IOException ignored) {
        // closing is all that is left to do with it
      }
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing is all that is left to do with it
      }
      socket = null;
      in = null;
      out = null;
    }
  }
}
