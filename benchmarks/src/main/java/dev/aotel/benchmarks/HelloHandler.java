package dev.aotel.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.aotel.Traced;

/** The handler both the direct and the wrapped benchmark call. */
@Traced
public class HelloHandler implements HttpHandler {
  long handled;

  @Override
  public void handle(HttpExchange exchange) {
    handled += exchange.getRequestMethod().length();
  }
}
