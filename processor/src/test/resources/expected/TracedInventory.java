package golden;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.Telemetry;
import dev.aotel.runtime.internal.Operation;
import io.opentelemetry.context.Scope;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Reports calls to {@link Inventory} to the aotel runtime; see {@code @Traced}.
 */
@SuppressWarnings("try")
@Generated("dev.aotel.processor.TracedProcessor")
final class TracedInventory extends Inventory {
  private final Inventory delegate;

  /**
   * Wraps {@code delegate}, which does the work.
   */
  public TracedInventory(Inventory delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  void reserve(String sku) {
    if (!Telemetry.isEnabledFor(InstrumentKind.CUSTOM)) {
      this.delegate.reserve(sku);
      return;
    }
    Operation operation = Operation.start(InstrumentKind.CUSTOM, new AttributeMap()
        .operationName("Inventory.reserve")
        .set(AttributeKey.CODE_FUNCTION_NAME, "golden.Inventory.reserve"));
    try (Scope scope = operation.makeCurrent()) {
      this.delegate.reserve(sku);
    } catch (Throwable t) {
      operation.error(t);
      throw t;
    } finally {
      operation.end();
    }
  }

  @Override
  public int count() {
    return this.delegate.count();
  }
}
