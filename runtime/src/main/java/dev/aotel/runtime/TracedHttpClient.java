package dev.aotel.runtime;

import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} whose {@code send} and {@code sendAsync} run as {@link
 * InstrumentKind#HTTP_CLIENT} operations: the request goes out with the propagation headers of
 * the attached instruments, and the caller gets exactly the response or exception of the wrapped
 * client. Everything else delegates. With nothing attached it is the wrapped client plus one
 * check per call.
 */
public final class TracedHttpClient extends HttpClient {
  private final HttpClient delegate;

  private TracedHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  /** Wraps a client; wrapping a wrapped client returns it unchanged. */
  public static HttpClient wrap(HttpClient client) {
    Objects.requireNonNull(client, "client");
    return client instanceof TracedHttpClient ? client : new TracedHttpClient(client);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request,
      HttpResponse.BodyHandler<T> responseBodyHandler) throws IOException, InterruptedException {
    if (!Telemetry.isEnabledFor(InstrumentKind.HTTP_CLIENT)) {
      return delegate.send(request, responseBodyHandler);
    }
    Operation operation = Telemetry.start(InstrumentKind.HTTP_CLIENT, requestAttributes(request));
    HttpRequest outgoing = inject(operation, request);
    try (Scope scope = operation.makeCurrent()) {
      HttpResponse<T> response = delegate.send(outgoing, responseBodyHandler);
      responseAttributes(operation.attributes(), response);
      return response;
    } catch (Throwable t) {
      failed(operation, t);
      throw t;
    } finally {
      operation.end();
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> responseBodyHandler) {
    return sendAsync(request, responseBodyHandler, null);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
      HttpResponse.BodyHandler<T> responseBodyHandler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    if (!Telemetry.isEnabledFor(InstrumentKind.HTTP_CLIENT)) {
      return delegate.sendAsync(request, responseBodyHandler, pushPromiseHandler);
    }
    Operation operation = Telemetry.start(InstrumentKind.HTTP_CLIENT, requestAttributes(request));
    HttpRequest outgoing = inject(operation, request);
    CompletableFuture<HttpResponse<T>> future;
    try (Scope scope = operation.makeCurrent()) {
      future = delegate.sendAsync(outgoing, responseBodyHandler, pushPromiseHandler);
    } catch (Throwable t) {
      failed(operation, t);
      operation.end();
      throw t;
    }
    future.whenComplete((response, failure) -> {
      if (failure != null) {
        failed(operation, unwrapAsync(failure));
      } else {
        responseAttributes(operation.attributes(), response);
      }
      operation.end();
    });
    return future;
  }

  private static AttributeMap requestAttributes(HttpRequest request) {
    AttributeMap attributes = new AttributeMap();
    URI uri = request.uri();
    attributes.set(AttributeKey.HTTP_REQUEST_METHOD, request.method());
    attributes.set(AttributeKey.URL_FULL, UrlRedaction.fullUrl(uri));
    attributes.set(AttributeKey.SERVER_ADDRESS, uri.getHost());
    int port = uri.getPort();
    if (port < 0) {
      port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
    attributes.set(AttributeKey.SERVER_PORT, (long) port);
    HttpHeaders headers = request.headers();
    for (SemconvKey key : Telemetry.capturedRequestHeaders(InstrumentKind.HTTP_CLIENT)) {
      List<String> values = headers.allValues(key.headerName());
      if (!values.isEmpty()) {
        attributes.set(key, List.copyOf(values));
      }
    }
    return attributes;
  }

  /** The request with the instruments' propagation headers; the same request if none. */
  private static HttpRequest inject(Operation operation, HttpRequest request) {
    List<String[]> added = new ArrayList<>(3);
    operation.inject((name, value) -> added.add(new String[] {name, value}));
    if (added.isEmpty()) {
      return request;
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
    for (String[] header : added) {
      builder.setHeader(header[0], header[1]);
    }
    return builder.build();
  }

  private static void responseAttributes(AttributeMap attributes, HttpResponse<?> response) {
    attributes.set(AttributeKey.HTTP_RESPONSE_STATUS_CODE, (long) response.statusCode());
    attributes.set(AttributeKey.NETWORK_PROTOCOL_VERSION,
        response.version() == Version.HTTP_2 ? "2" : "1.1");
    HttpHeaders headers = response.headers();
    for (SemconvKey key : Telemetry.capturedResponseHeaders(InstrumentKind.HTTP_CLIENT)) {
      List<String> values = headers.allValues(key.headerName());
      if (!values.isEmpty()) {
        attributes.set(key, List.copyOf(values));
      }
    }
  }

  private static void failed(Operation operation, Throwable failure) {
    operation.attributes().set(AttributeKey.ERROR_TYPE, errorType(failure).getName());
    operation.error(failure);
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
    Throwable t = unwrapAsync(failure);
    while ((t.getClass() == ConnectException.class || t.getClass() == IOException.class)
        && t.getCause() != null && t.getCause() != t
        && !(t.getCause() instanceof ClosedChannelException)) {
      t = t.getCause();
    }
    return t.getClass();
  }

  private static Throwable unwrapAsync(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public java.net.http.WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }

  @Override
  public String toString() {
    return "TracedHttpClient[" + delegate + "]";
  }
}
