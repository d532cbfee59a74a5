package dev.aotel.benchmarks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * An exchange with fixed answers, so the benchmark measures the wrapper rather than sockets. The
 * disabled wrapper only passes it through.
 */
final class FixedExchange extends HttpExchange {
  private final Headers headers = new Headers();
  private final URI uri = URI.create("/hello");

  @Override
  public Headers getRequestHeaders() {
    return headers;
  }

  @Override
  public Headers getResponseHeaders() {
    return headers;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return "GET";
  }

  @Override
  public HttpContext getHttpContext() {
    return null;
  }

  @Override
  public void close() {}

  @Override
  public InputStream getRequestBody() {
    return InputStream.nullInputStream();
  }

  @Override
  public OutputStream getResponseBody() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public void sendResponseHeaders(int rCode, long responseLength) {}

  @Override
  public InetSocketAddress getRemoteAddress() {
    return null;
  }

  @Override
  public int getResponseCode() {
    return 200;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return null;
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public Object getAttribute(String name) {
    return null;
  }

  @Override
  public void setAttribute(String name, Object value) {}

  @Override
  public void setStreams(InputStream i, OutputStream o) {}

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }
}
