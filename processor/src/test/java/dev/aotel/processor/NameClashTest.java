package dev.aotel.processor;

import static com.google.testing.compile.JavaFileObjects.forSourceLines;
import static dev.aotel.processor.TestCompiler.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import dev.aotel.processor.HandlerWrapperTest.Server;
import dev.aotel.runtime.InstrumentKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User types may declare nested types named like the ones generated code uses; inside a wrapper
 * that extends or implements them, those names would shadow the imports.
 */
class NameClashTest {
  /** Every simple name the generated code imports, as nested types of the user's types. */
  private static final String NESTED = "  class Operation {} class Scope {} class Telemetry {}"
      + " class Objects {} class InstrumentKind {} class AttributeMap {} class HttpServerCall {}"
      + " class AttributeKey {} class SemconvKey {} class KeyPool {} class AttributeType {}"
      + " class Completions {} class Generated {} class HttpExchange {} class IOException {}"
      + " class Override {} class Throwable {} class SuppressWarnings {}";

  static ClassLoader loader;

  @BeforeAll
  static void compile() {
    loader = TestCompiler.load(TestCompiler.compile(
        forSourceLines("clash.Orders",
            "package clash;",
            "public interface Orders {",
            "  String place(String sku);",
            NESTED,
            "}"),
        // A decorator: the interface's nested types are in scope in the wrapper.
        forSourceLines("clash.OrderService",
            "package clash;",
            "import dev.aotel.SpanAttribute;",
            "import dev.aotel.Traced;",
            "public class OrderService implements Orders {",
            "  @Traced public String place(@SpanAttribute(\"sku\") String sku) { return sku; }",
            NESTED,
            "}"),
        forSourceLines("clash.Base",
            "package clash;",
            "public class Base {",
            "  public static class Scope {}",
            "}"),
        // A subclass: its own and its superclass's nested types are in scope in the wrapper.
        forSourceLines("clash.Pricing",
            "package clash;",
            "import dev.aotel.SpanAttribute;",
            "import dev.aotel.Traced;",
            "import java.util.concurrent.CompletableFuture;",
            "public class Pricing extends Base {",
            "  @Traced public long price(@SpanAttribute(\"sku\") String sku) { return 7; }",
            "  @Traced public CompletableFuture<String> later() {",
            "    return CompletableFuture.completedFuture(\"done\");",
            "  }",
            NESTED.replace("class Scope {}", ""),
            "}"),
        forSourceLines("clash.Hello",
            "package clash;",
            "import dev.aotel.Traced;",
            "@Traced",
            "public class Hello implements com.sun.net.httpserver.HttpHandler {",
            "  public void handle(com.sun.net.httpserver.HttpExchange exchange)",
            "      throws java.io.IOException {",
            "    exchange.sendResponseHeaders(204, -1);",
            "    exchange.close();",
            "  }",
            NESTED,
            "}")));
  }

  @Test
  void aDecoratorOfAnInterfaceWithClashingNestedTypes() throws Throwable {
    RecordingInstrument instrument = RecordingInstrument.attach(InstrumentKind.CUSTOM);
    try {
      Object orders = TestCompiler.wrap(loader, "clash.TracedOrderService", "clash.OrderService");
      assertThat(orders.getClass().getSuperclass()).isEqualTo(Object.class);
      assertThat(invoke(orders, "place", new Class<?>[] {String.class}, "A1")).isEqualTo("A1");
      assertThat(instrument.ended.poll().attributes()).containsEntry("sku", "A1");
    } finally {
      instrument.detach();
    }
  }

  @Test
  void aSubclassWithClashingNestedTypes() throws Throwable {
    RecordingInstrument instrument = RecordingInstrument.attach(InstrumentKind.CUSTOM);
    try {
      Object pricing = TestCompiler.wrap(loader, "clash.TracedPricing", "clash.Pricing");
      assertThat(pricing.getClass().getSuperclass()).isEqualTo(loader.loadClass("clash.Pricing"));
      assertThat(invoke(pricing, "price", new Class<?>[] {String.class}, "B")).isEqualTo(7L);
      assertThat(instrument.ended.poll().attributes()).containsEntry("sku", "B");
      CompletableFuture<?> later = (CompletableFuture<?>) invoke(pricing, "later",
          new Class<?>[0]);
      assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("done");
      assertThat(instrument.ended.poll(5, TimeUnit.SECONDS).name()).isEqualTo("Pricing.later");
    } finally {
      instrument.detach();
    }
  }

  @Test
  void aHandlerWithClashingNestedTypes() throws Exception {
    RecordingInstrument instrument = RecordingInstrument.attach(InstrumentKind.HTTP_SERVER);
    HttpHandler hello = (HttpHandler) TestCompiler.wrap(loader, "clash.TracedHello",
        "clash.Hello");
    try (Server server = Server.start("/hello", hello)) {
      assertThat(HandlerWrapperTest.get(server.uri("/hello")).statusCode()).isEqualTo(204);
      assertThat(instrument.ended.poll(10, TimeUnit.SECONDS).attributes())
          .containsEntry("http.response.status_code", 204L);
    } finally {
      instrument.detach();
    }
  }
}
