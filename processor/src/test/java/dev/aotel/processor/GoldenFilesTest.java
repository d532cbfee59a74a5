package dev.aotel.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated code is user-visible API: a change to it must show up in review. Run with {@code
 * -Daotel.golden.update=true} to rewrite {@code src/test/resources/expected/} after an intended
 * change.
 */
class GoldenFilesTest {
  private static final Path EXPECTED = Path.of("src/test/resources/expected");

  @ParameterizedTest
  @ValueSource(strings = {"TracedHelloHandler", "TracedOrderService", "TracedInventory"})
  void generatedSourceMatchesTheGoldenFile(String wrapper) throws IOException {
    Compilation compilation = TestCompiler.compile(
        JavaFileObjects.forResource("golden/HelloHandler.java"),
        JavaFileObjects.forResource("golden/Orders.java"),
        JavaFileObjects.forResource("golden/OrderService.java"),
        JavaFileObjects.forResource("golden/Inventory.java"));
    JavaFileObject generated = compilation.generatedSourceFile("golden." + wrapper).orElseThrow();
    String actual = generated.getCharContent(true).toString();
    Path expected = EXPECTED.resolve(wrapper + ".java");
    if (Boolean.getBoolean("aotel.golden.update")) {
      Files.createDirectories(EXPECTED);
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
