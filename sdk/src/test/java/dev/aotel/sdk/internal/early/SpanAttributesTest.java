package dev.aotel.sdk.internal.early;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A span's attribute array keeps the SDK's rules: names told apart by name, a present name
 * replaced in place (key and value, whatever the key's type), first-set order, new names beyond
 * the limit counted and dropped, copies independent.
 */
class SpanAttributesTest {
  @Test
  void aHeldNameIsReplacedInPlaceAmongManyUnderAnyKeyOrType() {
    SpanAttributes attributes = new SpanAttributes(4, 128);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("name." + i);
      attributes.put(AttributeKey.stringKey("name." + i), "v" + i);
    }
    attributes.put(AttributeKey.stringKey("name.7"), "again"); // another key instance
    attributes.put(AttributeKey.longKey("name.21"), 21L); // another type: key and value replaced

    Attributes view = attributes.view();
    assertThat(view.size()).isEqualTo(40);
    assertThat(attributes.total()).isEqualTo(40);
    assertThat(view.get(AttributeKey.stringKey("name.7"))).isEqualTo("again");
    assertThat(view.get(AttributeKey.longKey("name.21"))).isEqualTo(21L);
    assertThat(view.get(AttributeKey.stringKey("name.21"))).isNull();
    List<String> order = new ArrayList<>();
    view.forEach((key, value) -> order.add(key.getKey()));
    assertThat(order).isEqualTo(names); // first-set order kept
  }

  @Test
  void aCopyKnowsWhatItHolds() {
    SpanAttributes original = new SpanAttributes(4, 128);
    original.put(AttributeKey.stringKey("held"), "before");

    SpanAttributes copy = original.copy();
    copy.put(AttributeKey.stringKey("held"), "after");

    assertThat(copy.view().size()).isEqualTo(1);
    assertThat(copy.view().get(AttributeKey.stringKey("held"))).isEqualTo("after");
    assertThat(original.view().get(AttributeKey.stringKey("held"))).isEqualTo("before");
  }

  @Test
  void newNamesBeyondTheLimitAreCountedAndDroppedButHeldOnesStillReplace() {
    SpanAttributes attributes = new SpanAttributes(2, 2);
    attributes.put(AttributeKey.stringKey("a"), "1");
    attributes.put(AttributeKey.stringKey("b"), "2");
    attributes.put(AttributeKey.stringKey("c"), "3"); // dropped, counted
    attributes.put(AttributeKey.stringKey("b"), "22"); // held: replaced, not counted

    assertThat(attributes.view().size()).isEqualTo(2);
    assertThat(attributes.total()).isEqualTo(3);
    assertThat(attributes.view().get(AttributeKey.stringKey("b"))).isEqualTo("22");
    assertThat(attributes.view().get(AttributeKey.stringKey("c"))).isNull();
  }
}
