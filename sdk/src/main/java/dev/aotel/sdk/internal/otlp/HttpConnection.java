package dev.aotel.sdk.internal.otlp;

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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One keep-alive HTTP/1.1 connection that POSTs request bodies to one {@code http://} URL and
 * reads the answers: all an OTLP/HTTP exporter needs of HTTP, in one blocking call on the
 * exporter's own thread. It replaces the JDK {@code HttpClient} there, whose selector thread,
 * futures and executor hand-offs cost more CPU per export than encoding the spans, and whose code
 * the JIT compiles while the service is warming up. A connection the server closed while idle is
 * reopened and the request sent once more, as HTTP clients do for a request that got no answer.
 *
 * <p>It reads and writes the socket's own streams through a buffer of its own, not through {@code
 * BufferedInputStream} and {@code BufferedOutputStream}: the JDK's HTTP server reads and writes
 * every request through those, and a second stream type under them makes the JIT compile the
 * server's copies for both (bimorphic, twice the code), on the request path of the service.
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
  /** What was read from the socket and not yet parsed: {@code buffer[position..limit)}. */
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;
  /** Exchanges started, and the one whose deadline passed: the watchdog's and this thread's. */
  private volatile long exchanges;
  private volatile long expired;
  private volatile boolean aborted;
  private boolean answerStarted;

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

  /**
   * Sends {@code length} bytes of {@code body}; the whole exchange within {@code timeoutMillis}.
   * Blocking socket writes have no timeout of their own (a collector that stops reading would
   * hold the exporter's thread for good), so a watchdog closes the socket at the deadline.
   *
   * @throws SocketTimeoutException when the deadline passed
   */
  Response post(byte[] body, int length, int timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    long exchange = ++exchanges;
    ScheduledFuture<?> watchdog = Watchdog.TIMER.schedule(() -> expire(exchange),
        Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
    try {
      boolean reused = socket != null;
      try {
        return exchange(body, length, deadline);
      } catch (IOException e) {
        // Sent again only when the server had closed the connection while it was idle: reused,
        // not a byte of an answer read, and time left.
        if (!reused || answerStarted || expired == exchange || aborted
            || e instanceof SocketTimeoutException) {
          throw e;
        }
        close();
      }
      return exchange(body, length, deadline);
    } catch (IOException e) {
      close();
      throw timedOut(e, exchange, timeoutMillis);
    } finally {
      watchdog.cancel(false);
    }
  }

  private IOException timedOut(IOException e, long exchange, int timeoutMillis) {
    return expired == exchange && !(e instanceof SocketTimeoutException)
        ? new SocketTimeoutException("no complete answer within " + timeoutMillis + " ms")
        : e;
  }

  /** The watchdog's deadline for {@code exchange} passed: close its socket. */
  private void expire(long exchange) {
    if (exchanges == exchange) { // not a later exchange's socket
      expired = exchange;
      closeSocket();
    }
  }

  private Response exchange(byte[] body, int length, long deadline) throws IOException {
    answerStarted = false;
    int remaining = (int) Math.min(Integer.MAX_VALUE,
        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    if (remaining <= 0) {
      throw new SocketTimeoutException("no time left within the export timeout");
    }
    if (aborted) {
      throw new IOException("the connection was shut down");
    }
    if (socket == null) {
      Socket opened = new Socket();
      socket = opened; // before connecting, so that abort() and the watchdog can end it
      try {
        opened.connect(new InetSocketAddress(host, port), remaining);
        opened.setTcpNoDelay(true);
        in = opened.getInputStream();
        out = opened.getOutputStream();
        position = 0;
        limit = 0;
      } catch (IOException e) {
        close();
        throw e;
      }
    }
    socket.setSoTimeout(remaining);
    byte[] requestHead = requestHead(length);
    out.write(requestHead, 0, requestHead.length); // not write(byte[]): its profile is shared too
    out.write(body, 0, length);
    try {
      return read();
    } catch (NumberFormatException e) { // a status, length or chunk size that is not a number
      throw new IOException("an answer that is not HTTP/1.1: " + e.getMessage(), e);
    }
  }

  /** The request line and headers, Content-Length last: one write before the body's. */
  private byte[] requestHead(int length) {
    byte[] contentLength = ("Content-Length: " + length + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] whole = new byte[head.length + contentLength.length];
    System.arraycopy(head, 0, whole, 0, head.length);
    System.arraycopy(contentLength, 0, whole, head.length, contentLength.length);
    return whole;
  }

  private Response read() throws IOException {
    String statusLine = readLine();
    answerStarted = true;
    while (isInterim(statusLine)) { // 100 Continue and the like: the answer follows
      while (!readLine().isEmpty()) { } // its headers
      statusLine = readLine();
    }
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
        case "content-length" -> contentLength = contentLength(value);
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

  /** A 1xx status line other than 101 (which this client never asks for). */
  private static boolean isInterim(String statusLine) {
    return statusLine.length() >= 12 && statusLine.startsWith("HTTP/1.")
        && statusLine.charAt(9) == '1' && !statusLine.startsWith("101", 9);
  }

  /** A Content-Length, also in the list form RFC 9110 allows when the values agree ("42, 42"). */
  private static long contentLength(String value) {
    long length = -1;
    for (String part : value.split(",")) {
      long one = Long.parseLong(part.trim());
      if (length >= 0 && one != length) {
        throw new NumberFormatException("Content-Length values differ: " + value);
      }
      length = one;
    }
    return length;
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
      if (position == limit && !fill()) {
        if (length == Long.MAX_VALUE) {
          return;
        }
        throw new EOFException("the answer ended early");
      }
      int n = (int) Math.min(limit - position, length);
      if (kept != null && kept.length() < KEPT_BODY) {
        kept.append(new String(buffer, position, Math.min(n, KEPT_BODY - kept.length()),
            StandardCharsets.UTF_8));
      }
      position += n;
      length -= n;
    }
  }

  /** Reads what the socket has into the empty buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    position = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      if (position == limit && !fill()) {
        throw new EOFException("the connection closed before the answer ended");
      }
      int b = buffer[position++] & 0xFF;
      if (b == '\n') {
        break;
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

  /**
   * Closes the connection from any thread for good (the exporter is shutting down): an exchange
   * that waits ends, and none is sent again or opened after it.
   */
  void abort() {
    aborted = true;
    closeSocket();
  }

  private void closeSocket() {
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

  /** One daemon thread for every connection's deadlines; made at the first export. */
  private static final class Watchdog {
    static final ScheduledThreadPoolExecutor TIMER = timer();

    private static ScheduledThreadPoolExecutor timer() {
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new ThreadFactory() {
        @Override
        public Thread newThread(Runnable task) {
          Thread thread = new Thread(task, "aotel-otlp-timeout");
          thread.setDaemon(true);
          return thread;
        }
      });
      timer.setRemoveOnCancelPolicy(true); // a cancelled deadline is not kept until it is due
      return timer;
    }
  }
}
