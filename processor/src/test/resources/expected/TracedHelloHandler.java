package golden;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.internal.HttpServerCall;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reports calls to {@link HelloHandler} to the aotel runtime; see {@code @Traced}.
 */
@SuppressWarnings("try")
@Generated("dev.aotel.processor.TracedProcessor")
public final class TracedHelloHandler implements HttpHandler {
  private static final String ROUTE = null;

  private final HelloHandler delegate;

  /**
   * Wraps {@code delegate}, which does the work.
   */
  public TracedHelloHandler(HelloHandler delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)) {
      delegate.handle(exchange);
      return;
    }
    HttpServerCall call = HttpServerCall.start(exchange, ROUTE);
    try (Scope scope = call.makeCurrent()) {
      delegate.handle(call.exchange());
    } catch (Throwable t) {
      call.error(t);
      throw t;
    } finally {
      call.handlerReturned();
    }
  }
}
