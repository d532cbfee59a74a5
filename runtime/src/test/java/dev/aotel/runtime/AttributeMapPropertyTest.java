package dev.aotel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The map against a model (a sorted map by key ordinal) over random sets and removals of
 * well-known keys across all four words of its bit set: a value is found where it was put, a
 * removal moves the ones after it, and the keys come out in declaration order.
 */
class AttributeMapPropertyTest {
  private static final AttributeKey[] ALL = AttributeKey.values();

  /** One step: the key (by ordinal) and a value, or null to remove it. */
  record Step(int ordinal, Integer value) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    // Half the steps on a few keys spread over the four words (ordinals 0-63, 64-127, 128-191,
    // 192-), so that keys are set, replaced and removed again; the rest on any key.
    Arbitrary<Integer> spread = Arbitraries.of(0, 1, 63, 64, 65, 127, 128, 129, 191, 192,
        ALL.length - 1);
    Arbitrary<Integer> ordinal = Arbitraries.oneOf(spread,
        Arbitraries.integers().between(0, ALL.length - 1));
    Arbitrary<Integer> value = Arbitraries.integers().between(0, 1000).injectNull(0.3);
    return Combinators.combine(ordinal, value).as(Step::new).list().ofMaxSize(60);
  }

  @Property(tries = 1000)
  void everyValueIsFoundWhereItWasPutAndTheKeysStayInOrder(@ForAll("steps") List<Step> steps) {
    AttributeMap map = new AttributeMap(2); // small, so that it grows too
    Map<Integer, Object> model = new TreeMap<>();
    for (Step step : steps) {
      AttributeKey key = ALL[step.ordinal()];
      Object value = step.value() == null ? null : valueFor(key, step.value());
      map.set(key, value);
      if (value == null) {
        model.remove(step.ordinal());
      } else {
        model.put(step.ordinal(), value);
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    for (AttributeKey key : ALL) {
      assertThat(map.get(key)).as(key.semconvName()).isEqualTo(model.get(key.ordinal()));
      assertThat(map.contains(key)).isEqualTo(model.containsKey(key.ordinal()));
    }
    List<SemconvKey> expected = new ArrayList<>();
    model.keySet().forEach(o -> expected.add(ALL[o]));
    assertThat(map.keys()).containsExactlyElementsOf(expected);
  }

  /** A value of the key's type, distinct for each {@code n}. */
  private static Object valueFor(AttributeKey key, int n) {
    return switch (key.type()) {
      case STRING -> "v" + n;
      case BOOLEAN -> n % 2 == 0;
      case LONG -> (long) n;
      case DOUBLE -> n + 0.5;
      case STRING_ARRAY -> List.of("v" + n);
      case BOOLEAN_ARRAY -> List.of(n % 2 == 0);
      case LONG_ARRAY -> List.of((long) n);
      case DOUBLE_ARRAY -> List.of(n + 0.5);
      default -> throw new AssertionError("no value for a " + key.type() + " key");
    };
  }
}
