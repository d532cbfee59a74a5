package dev.aotel.benchmarks;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What a real {@code com.sun.net.httpserver} exchange of a small GET looks like to aotel (the
 * request headers curl or wrk send, a W3C {@code traceparent}, loopback addresses, a context
 * path), without sockets, so a benchmark measures aotel's work per request. Reusable: {@link
 * #reset()} before each request.
 */
final class RequestExchange extends HttpExchange {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 52044);

  private final Headers request = new Headers();
  private final Headers response = new Headers();
  private final URI uri = URI.create("/hello/item-7?page=2");
  private final HttpContext context = new Context();
  private int status = -1;

  RequestExchange() {
    request.put("Host", List.of("127.0.0.1:8080"));
    request.put("User-Agent", List.of("wrk"));
    request.put("Accept", List.of("*/*"));
    request.put("Traceparent",
        List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  }

  void reset() {
    response.clear();
    status = -1;
  }

  @Override
  public Headers getRequestHeaders() {
    return request;
  }

  @Override
  public Headers getResponseHeaders() {
    return response;
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
    return context;
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
  public void sendResponseHeaders(int rCode, long responseLength) {
    status = rCode;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return REMOTE;
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return LOCAL;
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

  private static final class Context extends HttpContext {
    @Override
    public HttpHandler getHandler() {
      return null;
    }

    @Override
    public void setHandler(HttpHandler handler) {}

    @Override
    public String getPath() {
      return "/hello";
    }

    @Override
    public HttpServer getServer() {
      return null;
    }

    @Override
    public Map<String, Object> getAttributes() {
      return Map.of();
    }

    @Override
    public List<Filter> getFilters() {
      return List.of();
    }

    @Override
    public Authenticator setAuthenticator(Authenticator auth) {
      return null;
    }

    @Override
    public Authenticator getAuthenticator() {
      return null;
    }
  }
}
