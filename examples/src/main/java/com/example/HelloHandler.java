package com.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.aotel.Traced;
import java.io.IOException;

@Traced
public class HelloHandler implements HttpHandler {
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] body = "hello\n".getBytes();
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
