package dev.aotel.runtime.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import javax.net.ssl.SSLSession;

/**
 * {@link RecordingExchange} for HTTPS: the handler still sees an {@link HttpsExchange}, with its
 * {@link SSLSession}, and gets the same recording. The delegating methods repeat those of {@code
 * RecordingExchange} because Java has one superclass: this one must extend {@code HttpsExchange}
 * (handlers cast to it), that one must not (handlers test {@code instanceof HttpsExchange}).
 */
final class RecordingHttpsExchange extends HttpsExchange {
  private final HttpsExchange exchange;
  private final HttpServerCall call;

  RecordingHttpsExchange(HttpsExchange exchange, HttpServerCall call) {
    this.exchange = exchange;
    this.call = call;
  }

  @Override
  public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
    call.sendResponseHeaders(exchange, rCode, responseLength);
  }

  @Override
  public OutputStream getResponseBody() {
    return call.responseBody(exchange.getResponseBody());
  }

  @Override
  public void close() {
    try {
      exchange.close();
    } finally {
      call.closed();
    }
  }

  @Override
  public Headers getRequestHeaders() {
    return exchange.getRequestHeaders();
  }

  @Override
  public Headers getResponseHeaders() {
    return exchange.getResponseHeaders();
  }

  @Override
  public URI getRequestURI() {
    return exchange.getRequestURI();
  }

  @Override
  public String getRequestMethod() {
    return exchange.getRequestMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return exchange.getHttpContext();
  }

  @Override
  public InputStream getRequestBody() {
    return exchange.getRequestBody();
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return exchange.getRemoteAddress();
  }

  @Override
  public int getResponseCode() {
    return exchange.getResponseCode();
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return exchange.getLocalAddress();
  }

  @Override
  public String getProtocol() {
    return exchange.getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return exchange.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    exchange.setAttribute(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    exchange.setStreams(i, o);
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return exchange.getPrincipal();
  }

  @Override
  public SSLSession getSSLSession() {
    return exchange.getSSLSession();
  }
}
