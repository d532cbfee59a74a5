package dev.aotel.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every diagnostic of the catalogue, on the offending element's line. */
class ProcessorErrorsTest {
  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new TracedProcessor()).compile(sources);
  }

  static JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceLines(name, lines);
  }

  private static void assertError(String marker, String message, String... lines) {
    JavaFileObject file = source("demo.Bad", lines);
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(marker);
  }

  @Test
  void tracedInterface() {
    assertError("interface Bad", "@Traced cannot wrap interface demo.Bad: put @Traced on a class"
        + " that implements it",
        "package demo;", "@dev.aotel.Traced", "public interface Bad {}");
  }

  @Test
  void tracedEnum() {
    assertError("enum Bad", "@Traced cannot wrap enum demo.Bad",
        "package demo;", "@dev.aotel.Traced", "public enum Bad { A }");
  }

  @Test
  void tracedRecord() {
    assertError("record Bad", "@Traced cannot wrap record demo.Bad",
        "package demo;", "@dev.aotel.Traced", "public record Bad(int a) {}");
  }

  @Test
  void tracedAnnotationType() {
    assertError("@interface Bad", "@Traced cannot wrap annotation type demo.Bad",
        "package demo;", "@dev.aotel.Traced", "public @interface Bad {}");
  }

  @Test
  void tracedMethodOfInterface() {
    assertError("void run()", "@Traced cannot wrap method Bad.run() of interface demo.Bad",
        "package demo;", "public interface Bad {", "  @dev.aotel.Traced void run();", "}");
  }

  @Test
  void privateMethod() {
    assertError("private void run", "@Traced cannot wrap private method Bad.run(): make it"
        + " public, protected or package-private",
        "package demo;", "public class Bad {",
        "  @dev.aotel.Traced private void run() {}", "}");
  }

  @Test
  void staticMethod() {
    assertError("static void run", "@Traced cannot wrap static method Bad.run()",
        "package demo;", "public class Bad {",
        "  @dev.aotel.Traced public static void run() {}", "}");
  }

  @Test
  void finalMethod() {
    assertError("final void run", "@Traced cannot wrap final method Bad.run(): remove 'final'",
        "package demo;", "public class Bad {",
        "  @dev.aotel.Traced public final void run() {}", "}");
  }

  @Test
  void finalClassWithoutInterface() {
    assertError("final class Bad", "@Traced cannot wrap final class demo.Bad: remove 'final' or"
        + " implement an interface that declares the traced methods",
        "package demo;", "public final class Bad {",
        "  @dev.aotel.Traced public void run() {}", "}");
  }

  @Test
  void noAccessibleConstructor() {
    assertError("class Bad", "@Traced cannot subclass demo.Bad: it has no accessible"
        + " no-argument constructor",
        "package demo;", "public class Bad {", "  private Bad() {}", "  public Bad(int x) {}",
        "  @dev.aotel.Traced public void run() {}", "}");
  }

  @Test
  void privateNestedClass() {
    assertError("private static class Inner", "@Traced cannot wrap private nested class"
        + " demo.Bad.Inner: make it package-private or public",
        "package demo;", "public class Bad {", "  @dev.aotel.Traced",
        "  private static class Inner { public void run() {} }", "}");
  }

  @Test
  void innerClass() {
    assertError("public class Inner", "@Traced cannot wrap inner class demo.Bad.Inner: make it"
        + " static",
        "package demo;", "public class Bad {", "  @dev.aotel.Traced",
        "  public class Inner { public void run() {} }", "}");
  }

  @Test
  void httpServerKindOnNonHandler() {
    assertError("class Bad", "@Traced(kind = HTTP_SERVER) cannot wrap demo.Bad: it does not"
        + " implement com.sun.net.httpserver.HttpHandler",
        "package demo;", "@dev.aotel.Traced(kind = dev.aotel.Traced.Kind.HTTP_SERVER)",
        "public class Bad { public void run() {} }");
  }

  @Test
  void duplicateAttributeName() {
    assertError("String b", "@SpanAttribute name 'id' is used twice in Bad.run()",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(@SpanAttribute(\"id\") String a,",
        "      @SpanAttribute(\"id\") String b) {}", "}");
  }

  @Test
  void invalidAttributeName() {
    assertError("String a", "@SpanAttribute name 'order id' is not a valid attribute name",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(@SpanAttribute(\"order id\") String a) {}", "}");
  }

  @Test
  void spanAttributeOnUntracedMethodWarns() {
    JavaFileObject file = source("demo.Warn", "package demo;", "import dev.aotel.*;",
        "public class Warn {", "  public void run(@SpanAttribute String sku) {}", "}");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("@SpanAttribute has no effect on a parameter"
        + " of Warn.run(): the method is not traced; annotate it (or its class) with @Traced")
        .inFile(file).onLineContaining("String sku");
  }

  @Test
  void oneBadClassNeverStopsTheOthers() {
    JavaFileObject good = source("demo.Good", "package demo;", "public class Good {",
        "  @dev.aotel.Traced public String run() { return \"ok\"; }", "}");
    JavaFileObject bad = source("demo.Bad", "package demo;", "public final class Bad {",
        "  @dev.aotel.Traced public void run() {}", "}");
    JavaFileObject alsoBad = source("demo.AlsoBad", "package demo;", "public class AlsoBad {",
        "  @dev.aotel.Traced static void run() {}", "}");
    // Uses the good class's wrapper: it only compiles if the wrapper was generated.
    JavaFileObject user = source("demo.User", "package demo;", "class User {",
        "  Good good = new TracedGood(new Good());", "}");
    Compilation compilation = compile(good, bad, alsoBad, user);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("@Traced cannot wrap final class demo.Bad")
        .inFile(bad).onLineContaining("final class Bad");
    assertThat(compilation).hadErrorContaining("@Traced cannot wrap static method"
        + " AlsoBad.run()").inFile(alsoBad).onLineContaining("static void run");
  }
}
