package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * One call of a {@code java.net.http.HttpClient}, served as an {@link InstrumentKind#HTTP_CLIENT}
 * operation: the request's attributes derived, the propagation headers injected, the response or
 * failure recorded. {@code TracedHttpClient} drives it.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class HttpClientCall {
  private final Operation operation;
  private final HttpRequest request;

  private HttpClientCall(Operation operation, HttpRequest request) {
    this.operation = operation;
    this.request = request;
  }

  /** Derives the request's attributes, starts the operation and injects its headers. */
  public static HttpClientCall start(HttpRequest request) {
    Operation operation = Operation.start(InstrumentKind.HTTP_CLIENT, requestAttributes(request));
    return new HttpClientCall(operation, inject(operation, request));
  }

  /** The request to send: the caller's, with the instruments' propagation headers. */
  public HttpRequest request() {
    return request;
  }

  /** Makes the operation's context current while the call is made. */
  public Scope makeCurrent() {
    return operation.makeCurrent();
  }

  /** Records the response: status (4xx and 5xx are errors), protocol, size, captured headers. */
  public void responded(HttpResponse<?> response) {
    AttributeMap attributes = operation.attributes();
    HttpSemantics.status(attributes, response.statusCode(), true);
    operation.set(AttributeKey.NETWORK_PROTOCOL_VERSION,
        response.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1");
    HttpHeaders headers = response.headers();
    operation.set(AttributeKey.HTTP_RESPONSE_BODY_SIZE, HttpSemantics.contentLength(
        headers.firstValue(HttpHeader.CONTENT_LENGTH.lowercaseName()).orElse(null)));
    copyHeaders(headers, operation.capturedResponseHeaders());
  }

  /** Records a failure, with the {@code error.type} that tells what went wrong. */
  public void failed(Throwable failure) {
    Throwable t = Throwables.unwrap(failure);
    operation.set(AttributeKey.ERROR_TYPE, errorType(t).getName());
    operation.error(t);
  }

  /** Ends the operation; only the first call has an effect. */
  public void end() {
    operation.end();
  }

  private static AttributeMap requestAttributes(HttpRequest request) {
    AttributeMap attributes = new AttributeMap(8);
    URI uri = request.uri();
    HttpSemantics.method(attributes, request.method());
    MapAccess.write(attributes, AttributeKey.URL_FULL, UrlRedaction.fullUrl(uri));
    MapAccess.write(attributes, AttributeKey.SERVER_ADDRESS, uri.getHost());
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    MapAccess.write(attributes, AttributeKey.SERVER_PORT, (long) port);
    long length = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength)
        .orElse(-1L);
    if (length >= 0 && request.bodyPublisher().isPresent()) {
      MapAccess.write(attributes, AttributeKey.HTTP_REQUEST_BODY_SIZE, length);
    }
    HttpHeaders headers = request.headers();
    for (SemconvKey key : Registry.GLOBAL.capturedRequestHeaders(InstrumentKind.HTTP_CLIENT)) {
      List<String> values = headers.allValues(key.headerName());
      if (!values.isEmpty()) {
        MapAccess.write(attributes, key, List.copyOf(values));
      }
    }
    return attributes;
  }

  private void copyHeaders(HttpHeaders headers, Iterable<SemconvKey> keys) {
    for (SemconvKey key : keys) {
      List<String> values = headers.allValues(key.headerName());
      if (!values.isEmpty()) {
        operation.set(key, List.copyOf(values));
      }
    }
  }

  /** The request with the instruments' propagation headers; the same request if none. */
  private static HttpRequest inject(Operation operation, HttpRequest request) {
    // Headers set inside inject's guard: one the JDK refuses (CR or LF in it, a restricted name)
    // is reported there and left out, and the request goes as the user made it otherwise.
    HttpRequest.Builder[] copy = new HttpRequest.Builder[1];
    operation.inject((name, value) -> {
      if (copy[0] == null) {
        copy[0] = HttpRequest.newBuilder(request, (n, v) -> true);
      }
      copy[0].setHeader(name, value);
    });
    return copy[0] == null ? request : copy[0].build();
  }

  /**
   * The class that tells what went wrong. The JDK wraps the real cause of a failed connection in
   * {@link ConnectException}s (JDK 17: unknown host is {@code ConnectException -> ConnectException
   * -> UnresolvedAddressException}), so such wrappers and plain {@link IOException}s are unwrapped.
   * Connection refused ends in a {@link ClosedChannelException}, which only says the channel of
   * the failed connect was closed: the innermost {@code ConnectException} is the better name.
   * Specific exceptions ({@code HttpTimeoutException}, {@code SSLException}...) are kept as they
   * are, so refused, unknown host, timeout and TLS failure give four different values.
   */
  static Class<?> errorType(Throwable failure) {
    Throwable t = Throwables.unwrap(failure);
    while ((t.getClass() == ConnectException.class || t.getClass() == IOException.class)
        && t.getCause() != null && t.getCause() != t
        && !(t.getCause() instanceof ClosedChannelException)) {
      t = t.getCause();
    }
    return t.getClass();
  }
}
