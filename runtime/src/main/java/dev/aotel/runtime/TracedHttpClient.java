package dev.aotel.runtime;

import dev.aotel.runtime.internal.HttpClientCall;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    HttpClientCall call = HttpClientCall.start(request);
    try (Scope scope = call.makeCurrent()) {
      HttpResponse<T> response = delegate.send(call.request(), responseBodyHandler);
      call.responded(response);
      return response;
    } catch (Throwable t) {
      call.failed(t);
      throw t;
    } finally {
      call.end();
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
    HttpClientCall call = HttpClientCall.start(request);
    CompletableFuture<HttpResponse<T>> future;
    try (Scope scope = call.makeCurrent()) {
      future = delegate.sendAsync(call.request(), responseBodyHandler, pushPromiseHandler);
    } catch (Throwable t) {
      call.failed(t);
      call.end();
      throw t;
    }
    future.whenComplete((response, failure) -> {
      if (failure != null) {
        call.failed(failure);
      } else {
        call.responded(response);
      }
      call.end();
    });
    return future;
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
