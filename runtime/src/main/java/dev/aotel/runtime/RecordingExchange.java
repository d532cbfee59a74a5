package dev.aotel.runtime;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * The exchange a traced handler sees: everything goes to the real exchange; sending the response
 * headers first records the status and lets instruments add headers, and the response body is
 * counted.
 */
final class RecordingExchange extends HttpExchange {
  private final HttpExchange exchange;
  private final HttpServerCall call;
  private OutputStream countedFrom;
  private CountingStream counted;
  private long bodyBytes = -1;

  RecordingExchange(HttpExchange exchange, HttpServerCall call) {
    this.exchange = exchange;
    this.call = call;
  }

  /** Bytes the handler wrote to the response body; -1 before the headers were sent. */
  long bodyBytes() {
    return bodyBytes;
  }

  @Override
  public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
    call.injectResponseHeaders(exchange.getResponseHeaders());
    call.responseStarted(rCode, exchange.getResponseHeaders());
    exchange.sendResponseHeaders(rCode, responseLength);
    bodyBytes = 0;
  }

  @Override
  public OutputStream getResponseBody() {
    OutputStream real = exchange.getResponseBody();
    if (real != countedFrom) { // first call, or setStreams replaced it
      countedFrom = real;
      counted = new CountingStream(real);
    }
    return counted;
  }

  private final class CountingStream extends FilterOutputStream {
    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      bodyBytes = Math.max(bodyBytes, 0) + 1;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      bodyBytes = Math.max(bodyBytes, 0) + len;
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
  public void close() {
    exchange.close();
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
}
