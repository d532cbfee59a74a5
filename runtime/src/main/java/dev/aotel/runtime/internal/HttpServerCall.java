package dev.aotel.runtime.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One exchange of a {@code com.sun.net.httpserver} handler, served as an {@link
 * InstrumentKind#HTTP_SERVER} operation. Generated handler wrappers drive it:
 *
 * <pre>{@code
 * HttpServerCall call = HttpServerCall.start(exchange, ROUTE);
 * try (Scope scope = call.makeCurrent()) {
 *   delegate.handle(call.exchange());
 * } catch (Throwable t) {
 *   call.error(t);
 *   throw t;
 * } finally {
 *   call.handlerReturned();
 * }
 * }</pre>
 *
 * <p>The handler gets an exchange (an {@link HttpsExchange} for HTTPS, so casts keep working) that
 * records the status, the response size and the captured response headers, and lets instruments
 * add response headers just before they are sent. The wrapper never sends a response of its own.
 *
 * <p>When the operation ends: if the handler's own thread sent the response headers before the
 * handler returned, or the handler threw, when the handler returns (many handlers close only the
 * body stream, never the exchange); otherwise at the first {@code exchange.close()} or close of
 * the response body, or once bodiless headers are sent, on whatever thread completes the
 * exchange. Headers another thread sent do not count: that thread may still be writing the body.
 *
 * <p>Internal: called by generated code only; may change without notice.
 */
public final class HttpServerCall {
  private static final int RETURNED = 1;
  private static final int CLOSED = 2;
  private static final int ENDED = 4;
  private static final AtomicIntegerFieldUpdater<HttpServerCall> STATE =
      AtomicIntegerFieldUpdater.newUpdater(HttpServerCall.class, "state");
  private static final String HTTP_1_1 = "HTTP/1.1";

  private final HttpExchange exchange;
  private final Operation operation;
  private volatile int state;
  private volatile boolean headersSent;
  /** Set only when the handler's thread sent the headers; read by that thread at return. */
  private boolean sentByHandler;
  private final Thread handlerThread = Thread.currentThread();
  private volatile boolean failed;
  private long bodyBytes = -1;
  private OutputStream countedFrom;
  private OutputStream counted;

  private HttpServerCall(HttpExchange original, Operation operation) {
    this.operation = operation;
    this.exchange = original instanceof HttpsExchange https
        ? new RecordingHttpsExchange(https, this) : new RecordingExchange(original, this);
  }

  /**
   * Reads the request and derives its attributes, then starts the operation.
   *
   * @param route the route template, such as {@code /orders/{id}}; null means the path of the
   *     exchange's {@code HttpContext}
   */
  public static HttpServerCall start(HttpExchange exchange, String route) {
    return new HttpServerCall(exchange,
        Operation.start(InstrumentKind.HTTP_SERVER, requestAttributes(exchange, route)));
  }

  /** The exchange to hand to the delegate handler. */
  public HttpExchange exchange() {
    return exchange;
  }

  /** Makes the operation's context current while the handler runs. */
  public Scope makeCurrent() {
    return operation.makeCurrent();
  }

  /** The handler threw: recorded, and the operation ends when the handler returns. */
  public void error(Throwable error) {
    failed = true;
    operation.error(error);
  }

  /** The handler returned or threw; ends the operation unless the exchange completes later. */
  public void handlerReturned() {
    int previous = addState(RETURNED);
    if (sentByHandler || failed || (previous & CLOSED) != 0) {
      finish();
    }
  }

  /** The exchange or its response body was closed, on any thread. */
  void closed() {
    int previous = addState(CLOSED);
    if ((previous & RETURNED) != 0) {
      finish();
    }
  }

  /**
   * Sets {@code bit} and returns the state before. A compare-and-set loop rather than {@code
   * getAndUpdate} with a lambda: no lambda class spun on the first request's thread, and no call
   * through the updater's shared, possibly megamorphic, function site on every request.
   */
  private int addState(int bit) {
    int s;
    do {
      s = state;
    } while (!STATE.compareAndSet(this, s, s | bit));
    return s;
  }

  private void finish() {
    if ((addState(ENDED) & ENDED) != 0) {
      return; // ended already, on this thread or another
    }
    if (bodyBytes >= 0) {
      operation.set(AttributeKey.HTTP_RESPONSE_BODY_SIZE, bodyBytes);
    }
    operation.end();
  }

  /**
   * The handler sends the response headers: record the status and let instruments add some. A
   * second call is the JDK's to refuse ("headers already sent"): the response the client got
   * stays recorded. When no body follows, the JDK completes the exchange itself, without a
   * {@code close()} that would end a response sent after the handler returned: it ends here.
   */
  void sendResponseHeaders(HttpExchange real, int status, long length) throws IOException {
    if (headersSent) {
      real.sendResponseHeaders(status, length);
      return;
    }
    Headers headers = real.getResponseHeaders();
    if (operation.injects()) {
      operation.inject(headers::add);
    }
    AttributeMap attributes = operation.attributes();
    HttpSemantics.status(attributes, status, false);
    for (SemconvKey key : operation.capturedResponseHeaders()) {
      List<String> values = headers.get(key.headerName());
      if (values != null && !values.isEmpty()) {
        operation.set(key, List.copyOf(values));
      }
    }
    real.sendResponseHeaders(status, length);
    bodyBytes = 0;
    headersSent = true;
    sentByHandler = Thread.currentThread() == handlerThread;
    if (noBodyFollows(status, length, real)) {
      closed();
    }
  }

  /**
   * Whether the JDK's server sends no body after these headers and completes the exchange at
   * once ({@code ExchangeImpl.sendResponseHeaders}): length -1, a HEAD request, 1xx, 204, 304.
   * Not 101: newer JDKs keep that connection open for the protocol switched to.
   */
  private static boolean noBodyFollows(int status, long length, HttpExchange exchange) {
    if (status == 101) {
      return false;
    }
    return length == -1 || (status >= 100 && status < 200) || status == 204 || status == 304
        || "HEAD".equals(exchange.getRequestMethod());
  }

  /**
   * The response body as the handler sees it: counted, and its close ends a late exchange. Only
   * the first stream the handler gets counts: one that {@code setStreams} put in its place wraps
   * it (a filter's {@code GZIPOutputStream}, say), and the size the conventions ask for is what
   * reaches the connection, the compressed bytes.
   */
  OutputStream responseBody(OutputStream real) {
    if (real != countedFrom) { // first call, or setStreams replaced it
      boolean counts = countedFrom == null;
      countedFrom = real;
      // An OutputStream, not a FilterOutputStream: that one allocates a close lock per stream,
      // and every method is delegated here anyway.
      counted = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          real.write(b);
          if (counts) {
            bodyBytes = Math.max(bodyBytes, 0) + 1;
          }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          real.write(b, off, len);
          if (counts) {
            bodyBytes = Math.max(bodyBytes, 0) + len;
          }
        }

        @Override
        public void flush() throws IOException {
          real.flush();
        }

        @Override
        public void close() throws IOException {
          try {
            real.close();
          } finally {
            closed();
          }
        }
      };
    }
    return counted;
  }

  static AttributeMap requestAttributes(HttpExchange exchange, String route) {
    AttributeMap attributes = new AttributeMap(16);
    URI uri = exchange.getRequestURI();
    HttpSemantics.method(attributes, exchange.getRequestMethod());
    MapAccess.write(attributes, AttributeKey.URL_PATH, uri.getRawPath());
    MapAccess.write(attributes, AttributeKey.URL_QUERY, UrlRedaction.query(uri.getRawQuery()));
    MapAccess.write(attributes, AttributeKey.URL_SCHEME,
        exchange instanceof HttpsExchange ? "https" : "http");
    MapAccess.write(attributes, AttributeKey.HTTP_ROUTE,
        route != null ? route : exchange.getHttpContext().getPath());
    String protocol = exchange.getProtocol(); // "HTTP/1.1"
    if (HTTP_1_1.equals(protocol)) {
      MapAccess.write(attributes, AttributeKey.NETWORK_PROTOCOL_VERSION, "1.1");
    } else if (protocol != null && protocol.indexOf('/') >= 0) {
      MapAccess.write(attributes, AttributeKey.NETWORK_PROTOCOL_VERSION,
          protocol.substring(protocol.indexOf('/') + 1));
    }

    // One pass over the request headers: the JDK's Headers.get copies the name on every call.
    RequestHeaders carried = Registry.GLOBAL.requestHeaders(InstrumentKind.HTTP_SERVER);
    Headers headers = exchange.getRequestHeaders();
    String host = null;
    String forwardedFor = null;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      List<String> values = header.getValue();
      HttpHeader fast = values == null || values.isEmpty() ? null
          : HttpHeader.lookup(header.getKey());
      if (fast == null) {
        continue;
      }
      if (fast == HttpHeader.HOST) {
        host = values.get(0);
      } else if (fast == HttpHeader.USER_AGENT) {
        MapAccess.write(attributes, AttributeKey.USER_AGENT_ORIGINAL, values.get(0));
      } else if (fast == HttpHeader.X_FORWARDED_FOR) {
        forwardedFor = values.get(0);
      } else if (fast == HttpHeader.CONTENT_LENGTH) {
        MapAccess.write(attributes, AttributeKey.HTTP_REQUEST_BODY_SIZE,
            HttpSemantics.contentLength(values.get(0)));
      }
      AttributeKey key = carried.keyFor(fast);
      if (key != null) {
        // Every value, whole and in order (W3C tracestate may come in several headers). The JDK
        // hands request headers out read-only and never changes them: no copy.
        MapAccess.write(attributes, key, values);
      }
    }
    for (SemconvKey key : carried.pooled()) {
      List<String> values = headers.get(key.headerName());
      if (values != null && !values.isEmpty()) {
        MapAccess.write(attributes, key, values);
      }
    }

    // The local address only when the Host header does not say it all: the JDK makes a new
    // InetSocketAddress on every call.
    HostAndPort.Parsed server = HostAndPort.parse(host);
    if (server != null) {
      MapAccess.write(attributes, AttributeKey.SERVER_ADDRESS, server.host());
      Long port = server.port();
      if (port == null) {
        InetSocketAddress local = exchange.getLocalAddress();
        port = local != null ? Long.valueOf(local.getPort()) : null;
      }
      MapAccess.write(attributes, AttributeKey.SERVER_PORT, port);
    } else {
      InetSocketAddress local = exchange.getLocalAddress();
      if (local != null) {
        MapAccess.write(attributes, AttributeKey.SERVER_ADDRESS, local.getHostString());
        MapAccess.write(attributes, AttributeKey.SERVER_PORT, (long) local.getPort());
      }
    }
    InetSocketAddress remote = exchange.getRemoteAddress();
    if (remote != null) {
      String peer = HostAndPort.address(remote);
      Long port = (long) remote.getPort();
      MapAccess.write(attributes, AttributeKey.NETWORK_PEER_ADDRESS, peer);
      MapAccess.write(attributes, AttributeKey.NETWORK_PEER_PORT, port);
      String forwarded = HostAndPort.firstForwardedFor(forwardedFor);
      // client.port is opt-in on server spans (the conventions; the agent leaves it out too):
      // the peer's port is already network.peer.port.
      MapAccess.write(attributes, AttributeKey.CLIENT_ADDRESS,
          forwarded != null ? forwarded : peer);
    }
    return attributes;
  }
}
