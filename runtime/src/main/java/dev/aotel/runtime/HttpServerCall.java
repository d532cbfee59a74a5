package dev.aotel.runtime;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/**
 * One exchange of a {@code com.sun.net.httpserver} handler, served as an {@link
 * InstrumentKind#HTTP_SERVER} operation. Generated handler wrappers drive it:
 *
 * <pre>{@code
 * HttpServerCall call = HttpServerCall.start(exchange, ROUTE);
 * try (Scope scope = call.operation().makeCurrent()) {
 *   delegate.handle(call.exchange());
 * } catch (Throwable t) {
 *   call.operation().error(t);
 *   throw t;
 * } finally {
 *   call.end();
 * }
 * }</pre>
 *
 * <p>The handler gets an exchange that records the status, the response size and the configured
 * response headers, and lets instruments add response headers just before they are sent. The
 * wrapper never sends a response of its own. For HTTPS the handler gets the original {@link
 * HttpsExchange} (so casts keep working); status and headers are then read at the end, and the
 * size and added response headers are not available.
 */
public final class HttpServerCall {
  private static final AttributeKey[] PROPAGATION = {
    AttributeKey.HTTP_REQUEST_HEADER_TRACEPARENT,
    AttributeKey.HTTP_REQUEST_HEADER_TRACESTATE,
    AttributeKey.HTTP_REQUEST_HEADER_BAGGAGE,
  };

  private final HttpExchange original;
  private final RecordingExchange recording;
  private final Operation operation;

  private HttpServerCall(HttpExchange original, Operation operation) {
    this.original = original;
    this.operation = operation;
    this.recording = original instanceof HttpsExchange ? null : new RecordingExchange(original,
        this);
  }

  /**
   * Reads the request into an {@link AttributeMap} and starts the operation.
   *
   * @param route the route template, such as {@code /orders/{id}}; null means the path of the
   *     exchange's {@code HttpContext}
   */
  public static HttpServerCall start(HttpExchange exchange, String route) {
    AttributeMap attributes = requestAttributes(exchange, route);
    return new HttpServerCall(exchange, Telemetry.start(InstrumentKind.HTTP_SERVER, attributes));
  }

  /** The exchange to hand to the delegate handler. */
  public HttpExchange exchange() {
    return recording != null ? recording : original;
  }

  /** The operation of this exchange. */
  public Operation operation() {
    return operation;
  }

  /** Records what the response was and ends the operation. */
  public void end() {
    AttributeMap attributes = operation.attributes();
    if (!attributes.contains(AttributeKey.HTTP_RESPONSE_STATUS_CODE)) {
      int status = original.getResponseCode();
      if (status > 0) {
        responseStarted(status, original.getResponseHeaders());
      }
    }
    if (recording != null && recording.bodyBytes() >= 0) {
      attributes.set(AttributeKey.HTTP_RESPONSE_BODY_SIZE, recording.bodyBytes());
    }
    operation.end();
  }

  /** Called once, just before the response headers go out (or at the end for HTTPS). */
  void responseStarted(int status, Headers responseHeaders) {
    AttributeMap attributes = operation.attributes();
    attributes.set(AttributeKey.HTTP_RESPONSE_STATUS_CODE, (long) status);
    for (SemconvKey key : Telemetry.capturedResponseHeaders(InstrumentKind.HTTP_SERVER)) {
      copyHeader(responseHeaders, key, attributes);
    }
  }

  /** Adds what instruments want to send with the response (server timing, trace response...). */
  void injectResponseHeaders(Headers responseHeaders) {
    operation.inject(responseHeaders::add);
  }

  static AttributeMap requestAttributes(HttpExchange exchange, String route) {
    AttributeMap attributes = new AttributeMap();
    Headers headers = exchange.getRequestHeaders();
    URI uri = exchange.getRequestURI();
    attributes.set(AttributeKey.HTTP_REQUEST_METHOD, exchange.getRequestMethod());
    attributes.set(AttributeKey.URL_PATH, uri.getRawPath());
    attributes.set(AttributeKey.URL_QUERY, UrlRedaction.query(uri.getRawQuery()));
    attributes.set(AttributeKey.URL_SCHEME, exchange instanceof HttpsExchange ? "https" : "http");
    attributes.set(AttributeKey.HTTP_ROUTE,
        route != null ? route : exchange.getHttpContext().getPath());
    String protocol = exchange.getProtocol(); // "HTTP/1.1"
    int slash = protocol == null ? -1 : protocol.indexOf('/');
    if (slash >= 0) {
      attributes.set(AttributeKey.NETWORK_PROTOCOL_VERSION, protocol.substring(slash + 1));
    }
    attributes.set(AttributeKey.USER_AGENT_ORIGINAL,
        headers.getFirst(HttpHeader.USER_AGENT.lowercaseName()));
    HostAndPort.Parsed host = HostAndPort.parse(headers.getFirst(HttpHeader.HOST.lowercaseName()));
    InetSocketAddress local = exchange.getLocalAddress();
    if (host != null) {
      attributes.set(AttributeKey.SERVER_ADDRESS, host.host());
      attributes.set(AttributeKey.SERVER_PORT, host.port() > 0 ? (long) host.port()
          : local != null ? (long) local.getPort() : null);
    } else if (local != null) {
      attributes.set(AttributeKey.SERVER_ADDRESS, local.getHostString());
      attributes.set(AttributeKey.SERVER_PORT, (long) local.getPort());
    }
    InetSocketAddress remote = exchange.getRemoteAddress();
    if (remote != null) {
      String peer = remote.getAddress() != null ? remote.getAddress().getHostAddress()
          : remote.getHostString();
      attributes.set(AttributeKey.NETWORK_PEER_ADDRESS, peer);
      attributes.set(AttributeKey.NETWORK_PEER_PORT, (long) remote.getPort());
      String forwarded = HostAndPort.firstForwardedFor(
          headers.getFirst(HttpHeader.X_FORWARDED_FOR.lowercaseName()));
      attributes.set(AttributeKey.CLIENT_ADDRESS, forwarded != null ? forwarded : peer);
      if (forwarded == null) {
        attributes.set(AttributeKey.CLIENT_PORT, (long) remote.getPort());
      }
    }
    // Always carried, for context extraction; exported only when configured.
    for (AttributeKey key : PROPAGATION) {
      copyHeader(headers, key, attributes);
    }
    for (SemconvKey key : Telemetry.capturedRequestHeaders(InstrumentKind.HTTP_SERVER)) {
      copyHeader(headers, key, attributes);
    }
    return attributes;
  }

  /** Every value of the key's header, if present. */
  private static void copyHeader(Headers headers, SemconvKey key, AttributeMap attributes) {
    List<String> values = headers.get(key.headerName());
    if (values != null && !values.isEmpty()) {
      attributes.set(key, List.copyOf(values));
    }
  }
}
