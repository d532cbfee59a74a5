package dev.aotel.processor;

import static dev.aotel.processor.TestCompiler.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.aotel.runtime.InstrumentKind;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compiles user classes with the processor, loads the wrappers and runs them for real. */
class CustomWrapperTest {
  static ClassLoader loader;
  static Compilation compilation;

  RecordingInstrument instrument;

  @BeforeAll
  static void compile() {
    compilation = TestCompiler.compile(
        JavaFileObjects.forSourceLines("shop.Orders",
            "package shop;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "public interface Orders<T> {",
            "  String place(String sku, int quantity) throws java.io.IOException;",
            "  CompletableFuture<T> later(T value, boolean fail);",
            "  <R extends Comparable<R>> R max(List<R> items);",
            "  long sum(long... values);",
            "  default String hello() { return \"hello from interface\"; }",
            "}"),
        JavaFileObjects.forSourceLines("shop.OrderService",
            "package shop;",
            "import dev.aotel.SpanAttribute;",
            "import dev.aotel.Traced;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "public class OrderService implements Orders<String> {",
            "  @Traced(\"order.place\")",
            "  public String place(@SpanAttribute(\"order.sku\") String sku,",
            "      @SpanAttribute int quantity) throws java.io.IOException {",
            "    if (quantity < 0) throw new java.io.IOException(\"negative\");",
            "    return sku + \"x\" + quantity;",
            "  }",
            "  @Traced",
            "  public CompletableFuture<String> later(String value, boolean fail) {",
            "    return fail ? CompletableFuture.failedFuture(new IllegalStateException(value))",
            "        : new CompletableFuture<>();",
            "  }",
            "  public <R extends Comparable<R>> R max(List<R> items) {",
            "    return java.util.Collections.max(items);",
            "  }",
            "  @Traced",
            "  public long sum(@SpanAttribute(\"count\") long... values) {",
            "    return java.util.Arrays.stream(values).sum();",
            "  }",
            "}"),
        JavaFileObjects.forSourceLines("shop.Pricing",
            "package shop;",
            "import dev.aotel.SpanAttribute;",
            "import dev.aotel.Traced;",
            "@Traced",
            "public class Pricing {",
            "  protected int calls;",
            "  public double price(@SpanAttribute(\"sku\") String sku, @SpanAttribute Double rate,",
            "      @SpanAttribute Integer boxed, @SpanAttribute char grade,",
            "      @SpanAttribute java.util.UUID ref) {",
            "    calls++;",
            "    return rate == null ? 1.5 : rate * 2;",
            "  }",
            "  public int calls() { return calls; }",
            "  public static Pricing create() { return new Pricing(); }",
            "  public static class Nested {",
            "    @Traced public void run() {}",
            "  }",
            "}"));
    loader = TestCompiler.load(compilation);
  }

  @BeforeEach
  void attach() {
    instrument = RecordingInstrument.attach(InstrumentKind.CUSTOM);
  }

  @AfterEach
  void detach() {
    instrument.detach();
  }

  private static Object wrap(String wrapper, String delegate) throws Exception {
    return TestCompiler.wrap(loader, wrapper, delegate);
  }

  @Test
  void interfaceMethodsGetADecoratorWithNameFunctionAndAttributes() throws Throwable {
    Object orders = wrap("shop.TracedOrderService", "shop.OrderService");
    assertThat(loader.loadClass("shop.Orders").isInstance(orders)).isTrue();
    assertThat(orders.getClass().getSuperclass()).isEqualTo(Object.class);
    Class<?>[] types = {String.class, int.class};

    assertThat(invoke(orders, "place", types, "A1", 3)).isEqualTo("A1x3");
    RecordingInstrument.Ended ended = instrument.ended.poll();
    assertThat(ended.name()).isEqualTo("order.place");
    assertThat(ended.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "code.function.name", "shop.OrderService.place",
        "order.sku", "A1",
        "quantity", 3L));
    assertThat(instrument.calls).containsExactly("start", "enter", "exit", "end");
  }

  @Test
  void aCheckedExceptionIsRecordedAndRethrownUnchanged() throws Throwable {
    Object orders = wrap("shop.TracedOrderService", "shop.OrderService");
    assertThatThrownBy(() -> invoke(orders, "place", new Class<?>[] {String.class, int.class},
        "A1", -1)).isInstanceOf(java.io.IOException.class).hasMessage("negative");
    RecordingInstrument.Ended ended = instrument.ended.poll();
    assertThat(ended.attributes()).containsEntry("error.type", "java.io.IOException");
    assertThat(instrument.calls).containsExactly("start", "enter", "exit", "error:IOException",
        "end");
  }

  @Test
  void aCompletionStageEndsTheOperationWhenItCompletes() throws Throwable {
    Object orders = wrap("shop.TracedOrderService", "shop.OrderService");
    Class<?>[] types = {Object.class, boolean.class};
    @SuppressWarnings("unchecked")
    CompletableFuture<String> pending =
        (CompletableFuture<String>) invoke(orders, "later", types, "v", false);
    assertThat(instrument.ended).isEmpty();
    assertThat(pending.isDone()).isFalse();
    pending.complete("done");
    assertThat(instrument.ended.poll(5, TimeUnit.SECONDS).name())
        .isEqualTo("OrderService.later");

    CompletableFuture<?> failed = (CompletableFuture<?>) invoke(orders, "later", types, "x", true);
    assertThat(failed.isCompletedExceptionally()).isTrue();
    RecordingInstrument.Ended ended = instrument.ended.poll(5, TimeUnit.SECONDS);
    assertThat(ended.attributes()).containsEntry("error.type",
        "java.lang.IllegalStateException");
  }

  @Test
  void genericVarargsAndDefaultMethodsComeThroughUnchanged() throws Throwable {
    Object orders = wrap("shop.TracedOrderService", "shop.OrderService");
    assertThat(invoke(orders, "max", new Class<?>[] {List.class}, List.of(3, 9, 4))).isEqualTo(9);
    assertThat(invoke(orders, "hello", new Class<?>[0])).isEqualTo("hello from interface");
    assertThat(instrument.ended).isEmpty(); // neither is traced
    Method sum = orders.getClass().getMethod("sum", long[].class);
    assertThat(sum.isVarArgs()).isTrue();
    assertThat(sum.invoke(orders, (Object) new long[] {1, 2, 3})).isEqualTo(6L);
    assertThat(instrument.ended.poll().attributes()).containsEntry("code.function.name",
        "shop.OrderService.sum").containsKey("count");
  }

  @Test
  void aClassWithoutInterfacesGetsASubclassThatForwardsEverything() throws Throwable {
    Object pricing = wrap("shop.TracedPricing", "shop.Pricing");
    Class<?> pricingType = loader.loadClass("shop.Pricing");
    assertThat(pricing.getClass().getSuperclass()).isEqualTo(pricingType);
    Class<?>[] types = {String.class, Double.class, Integer.class, char.class,
        java.util.UUID.class};
    java.util.UUID ref = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertThat(invoke(pricing, "price", types, "S", 2.0, 7, 'b', ref)).isEqualTo(4.0);
    // Untraced public methods forward to the delegate too, so state stays in one place.
    assertThat(invoke(pricing, "calls", new Class<?>[0])).isEqualTo(1);
    RecordingInstrument.Ended ended = instrument.ended.poll();
    assertThat(ended.name()).isEqualTo("Pricing.price");
    assertThat(ended.attributes()).containsEntry("sku", "S").containsEntry("rate", 2.0)
        .containsEntry("boxed", 7L).containsEntry("grade", "b")
        .containsEntry("ref", ref.toString());
    // @Traced on the class traces every public instance method, calls() included.
    assertThat(instrument.ended.poll().name()).isEqualTo("Pricing.calls");
    assertThat(instrument.ended).isEmpty();
  }

  @Test
  void nullArgumentsRecordNothing() throws Throwable {
    Object pricing = wrap("shop.TracedPricing", "shop.Pricing");
    Class<?>[] types = {String.class, Double.class, Integer.class, char.class,
        java.util.UUID.class};
    invoke(pricing, "price", types, null, null, null, 'a', null);
    assertThat(instrument.ended.poll().attributes()).containsOnlyKeys("code.function.name",
        "grade");
  }

  @Test
  void nestedClassesAreNamedOuterUnderscoreInner() throws Throwable {
    Object nested = wrap("shop.TracedPricing_Nested", "shop.Pricing$Nested");
    assertThat(nested.getClass().getName()).isEqualTo("shop.TracedPricing_Nested");
    assertThat(nested.getClass().getSuperclass())
        .isEqualTo(loader.loadClass("shop.Pricing$Nested"));
    invoke(nested, "run", new Class<?>[0]);
    RecordingInstrument.Ended ended = instrument.ended.poll();
    assertThat(ended.name()).isEqualTo("Nested.run");
    assertThat(ended.attributes()).containsEntry("code.function.name", "shop.Pricing.Nested.run");
  }

  @Test
  void nothingAttachedMeansNoOperation() throws Throwable {
    instrument.detach();
    Object orders = wrap("shop.TracedOrderService", "shop.OrderService");
    assertThat(invoke(orders, "place", new Class<?>[] {String.class, int.class}, "B", 1))
        .isEqualTo("Bx1");
    assertThat(instrument.calls).isEmpty();
  }

  @Test
  void generatedClassesUseNoReflection() {
    Map<String, byte[]> classes = TestCompiler.classFiles(compilation);
    List<String> wrappers = classes.keySet().stream().filter(n -> n.contains(".Traced"))
        .toList();
    assertThat(wrappers).contains("shop.TracedOrderService", "shop.TracedPricing",
        "shop.TracedPricing_Nested");
    for (String wrapper : wrappers) {
      String constants = new String(classes.get(wrapper), StandardCharsets.ISO_8859_1);
      assertThat(constants).as(wrapper)
          .doesNotContain("java/lang/reflect")
          .doesNotContain("java/lang/invoke/MethodHandle")
          .doesNotContain("forName")
          .doesNotContain("dev/aotel/Traced")
          .doesNotContain("dev/aotel/SpanAttribute");
    }
  }
}
