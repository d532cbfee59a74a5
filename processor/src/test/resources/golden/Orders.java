package golden;

import java.util.concurrent.CompletionStage;

public interface Orders {
  String place(String sku, int quantity) throws Exception;

  CompletionStage<String> ship(String id);

  void cancel(String id);
}
