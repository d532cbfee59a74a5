package golden;

import dev.aotel.SpanAttribute;
import dev.aotel.Traced;
import java.util.concurrent.CompletionStage;

public class OrderService implements Orders {
  @Override
  @Traced("order.place")
  public String place(@SpanAttribute("order.sku") String sku, @SpanAttribute int quantity)
      throws Exception {
    return sku;
  }

  @Override
  @Traced
  public CompletionStage<String> ship(String id) {
    return null;
  }

  @Override
  public void cancel(String id) {}
}
