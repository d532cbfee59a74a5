package golden;

import dev.aotel.Traced;

class Inventory {
  @Traced
  void reserve(String sku) {}

  public int count() {
    return 0;
  }
}
