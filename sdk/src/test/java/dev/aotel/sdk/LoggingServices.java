package dev.aotel.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.aotel.Traced;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Handlers that log through every library, and remember what the thread contexts held. */
final class LoggingServices {
  private LoggingServices() {}

  /** What MDC and ThreadContext held at one point, by key. */
  record Seen(String where, Map<String, String> mdc, Map<String, String> threadContext) {
    static Seen now(String where) {
      Map<String, String> mdc = MDC.getCopyOfContextMap();
      return new Seen(where, mdc == null ? Map.of() : mdc, ThreadContext.getContext());
    }
  }

  static final BlockingQueue<Seen> SEEN = new LinkedBlockingQueue<>();
  /** Held strongly: JUL keeps loggers weakly, and a collected one would lose its handler. */
  static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("handlerjul");

  /** Logs one line through SLF4J (root and async loggers), Log4j 2 and JUL, each with a marker. */
  @Traced
  static class Logs implements HttpHandler {
    final Nested nested = new TracedLoggingServices_Nested(new Nested());

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      String marker = exchange.getRequestURI().getQuery();
      SEEN.add(Seen.now("handler"));
      LoggerFactory.getLogger("handler").info("logback {}", marker);
      LoggerFactory.getLogger("async").info("async {}", marker);
      LogManager.getLogger("handler4j").info("log4j {}", marker);
      JUL.info("jul " + marker);
      nested.work(marker);
      SEEN.add(Seen.now("after nested"));
      Services.respond(exchange, 200, "logged");
    }
  }

  /** A traced method inside the handler: its own span, its own ids while it runs. */
  static class Nested {
    @Traced("nested.work")
    public void work(String marker) {
      SEEN.add(Seen.now("nested"));
      LoggerFactory.getLogger("nested").info("nested {}", marker);
    }
  }

  /** Not traced: on a pooled thread after a traced request, it must see empty contexts. */
  static class Plain implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      SEEN.add(Seen.now("plain"));
      Services.respond(exchange, 200, "plain");
    }
  }
}
