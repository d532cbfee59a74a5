package dev.aotel.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.aotel.Traced;
import java.io.IOException;
import java.io.OutputStream;

/** A hello-world handler: status, a 6-byte body, close. */
@Traced
public class RespondingHandler implements HttpHandler {
  private static final byte[] BODY = "hello\n".getBytes();

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, BODY.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(BODY);
    }
  }
}
