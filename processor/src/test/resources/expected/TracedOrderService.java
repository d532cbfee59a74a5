package golden;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.SemconvKey;
import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.internal.Completions;
import dev.aotel.runtime.internal.KeyPool;
import dev.aotel.runtime.internal.Operation;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * Reports calls to {@link OrderService} to the aotel runtime; see {@code @Traced}.
 */
@SuppressWarnings("try")
@Generated("dev.aotel.processor.TracedProcessor")
public final class TracedOrderService implements Orders {
  private static final SemconvKey ATTRIBUTE_0 = KeyPool.attribute("order.sku", AttributeType.STRING);

  private static final SemconvKey ATTRIBUTE_1 = KeyPool.attribute("quantity", AttributeType.LONG);

  private final OrderService delegate;

  /**
   * Wraps {@code delegate}, which does the work.
   */
  public TracedOrderService(OrderService delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public String place(String sku, int quantity) throws Exception {
    if (!Telemetry.isEnabledFor(InstrumentKind.CUSTOM)) {
      return this.delegate.place(sku, quantity);
    }
    Operation operation = Operation.start(InstrumentKind.CUSTOM, new AttributeMap()
        .operationName("order.place")
        .set(AttributeKey.CODE_FUNCTION_NAME, "golden.OrderService.place")
        .set(ATTRIBUTE_0, sku)
        .set(ATTRIBUTE_1, (long) quantity));
    try (Scope scope = operation.makeCurrent()) {
      return this.delegate.place(sku, quantity);
    } catch (Throwable t) {
      operation.error(t);
      throw t;
    } finally {
      operation.end();
    }
  }

  @Override
  public CompletionStage<String> ship(String id) {
    if (!Telemetry.isEnabledFor(InstrumentKind.CUSTOM)) {
      return this.delegate.ship(id);
    }
    Operation operation = Operation.start(InstrumentKind.CUSTOM, new AttributeMap()
        .operationName("OrderService.ship")
        .set(AttributeKey.CODE_FUNCTION_NAME, "golden.OrderService.ship"));
    CompletionStage<String> result;
    try (Scope scope = operation.makeCurrent()) {
      result = this.delegate.ship(id);
    } catch (Throwable t) {
      operation.error(t);
      operation.end();
      throw t;
    }
    return Completions.endOnCompletion(operation, result);
  }

  @Override
  public void cancel(String id) {
    this.delegate.cancel(id);
  }
}
