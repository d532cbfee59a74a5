package dev.aotel.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.JavaFileObjects.forSourceLines;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every diagnostic of the catalogue, on the offending element's line. Tests are named after the
 * {@link Diagnostics} method they cover ({@code method} or {@code method_variant}), which {@link
 * #everyDiagnosticHasATest()} checks.
 */
class ProcessorErrorsTest {
  private static void assertError(String marker, String message, String... lines) {
    JavaFileObject file = forSourceLines("demo.Bad", lines);
    Compilation compilation = TestCompiler.javac().compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(marker);
  }

  @Test
  void everyDiagnosticHasATest() {
    Set<String> tested = Arrays.stream(ProcessorErrorsTest.class.getDeclaredMethods())
        .filter(method -> method.isAnnotationPresent(Test.class))
        .map(method -> method.getName().split("_")[0])
        .collect(toSet());
    List<String> diagnostics = Arrays.stream(Diagnostics.class.getDeclaredMethods())
        .filter(method -> !method.isSynthetic() && method.getReturnType() == String.class)
        .map(Method::getName)
        .toList();
    assertThat(diagnostics).contains("notAClass", "unexpectedFailure");
    assertThat(tested).containsAll(diagnostics);
  }

  @Test
  void notAClass_interface() {
    assertError("interface Bad", "@Traced cannot wrap interface demo.Bad: put @Traced on a class"
        + " that implements it",
        "package demo;", "@dev.aotel.Traced", "public interface Bad {}");
  }

  @Test
  void notAClass_enum() {
    assertError("enum Bad", "@Traced cannot wrap enum demo.Bad: put @Traced on a class instead",
        "package demo;", "@dev.aotel.Traced", "public enum Bad { A }");
  }

  @Test
  void notAClass_record() {
    assertError("record Bad", "@Traced cannot wrap record demo.Bad",
        "package demo;", "@dev.aotel.Traced", "public record Bad(int a) {}");
  }

  @Test
  void notAClass_annotationType() {
    assertError("@interface Bad", "@Traced cannot wrap annotation type demo.Bad",
        "package demo;", "@dev.aotel.Traced", "public @interface Bad {}");
  }

  @Test
  void methodOfNonClass() {
    assertError("void run()", "@Traced cannot wrap method Bad.run() of interface demo.Bad: put"
        + " @Traced on the method of a class instead",
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
    assertError("static void run", "@Traced cannot wrap static method Bad.run(): a wrapper can"
        + " only intercept instance methods; make it an instance method",
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
  void finalClass() {
    assertError("final class Bad", "@Traced cannot wrap final class demo.Bad: remove 'final' or"
        + " implement an interface that declares the traced methods",
        "package demo;", "public final class Bad {",
        "  @dev.aotel.Traced public void run() {}", "}");
  }

  @Test
  void noConstructor() {
    assertError("class Bad", "@Traced cannot subclass demo.Bad: it has no accessible"
        + " no-argument constructor; add one (it may be protected) or implement an interface"
        + " that declares the traced methods",
        "package demo;", "public class Bad {", "  private Bad() {}", "  public Bad(int x) {}",
        "  @dev.aotel.Traced public void run() {}", "}");
  }

  @Test
  void privateNested() {
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

  /** Why there is no diagnostic for local classes: javac never shows them to a processor. */
  @Test
  void localClassesAreNeverSeen() {
    Compilation compilation = TestCompiler.javac().compile(forSourceLines("demo.Host",
        "package demo;", "public class Host {", "  void make() {",
        "    @dev.aotel.Traced class Local { public void run() {} }", "  }", "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFiles()).isEmpty();
  }

  @Test
  void notAHandler() {
    assertError("kind = dev.aotel.Traced.Kind.HTTP_SERVER", "@Traced(kind = HTTP_SERVER) cannot"
        + " wrap demo.Bad: it does not implement com.sun.net.httpserver.HttpHandler; implement it"
        + " or remove 'kind'",
        "package demo;", "@dev.aotel.Traced(",
        "    kind = dev.aotel.Traced.Kind.HTTP_SERVER)",
        "public class Bad { public void run() {} }");
  }

  @Test
  void attributeOnUntracedMethod() {
    JavaFileObject file = forSourceLines("demo.Warn", "package demo;", "import dev.aotel.*;",
        "public class Warn {", "  public void run(@SpanAttribute String sku) {}", "}");
    Compilation compilation = TestCompiler.javac().compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("@SpanAttribute has no effect on a parameter"
        + " of Warn.run(): the method is not traced; annotate it (or its class) with @Traced")
        .inFile(file).onLineContaining("String sku");
  }

  @Test
  void duplicateAttribute() {
    // On the second value, not on its parameter a line below.
    assertError("    \"id\")", "@SpanAttribute name 'id' is used twice in Bad.run(): give"
        + " each parameter a distinct name",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(",
        "      @SpanAttribute(\"id\") String a,",
        "      @SpanAttribute(",
        "          \"id\")",
        "          String b) {}", "}");
  }

  @Test
  void badAttributeName() {
    // On the value, not on the parameter two lines below.
    assertError("\"order id\"", "@SpanAttribute name 'order id' is not a valid attribute name:"
        + " it has a space, control or non-ASCII character at index 5; use 1 to 256 printable"
        + " ASCII characters without spaces, such as 'order.id'",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(@SpanAttribute(",
        "      \"order id\")",
        "      String a) {}", "}");
  }

  @Test
  void badAttributeName_tooLong() {
    String name = "a".repeat(257);
    assertError(name, "@SpanAttribute name '" + name + "' is not a valid attribute name: it"
        + " must be 1 to 256 characters long",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(@SpanAttribute(", "      \"" + name + "\")",
        "      String a) {}", "}");
  }

  @Test
  void badAttributeName_fromTheParameterNameIsReportedOnTheParameter() {
    assertError("String größe", "@SpanAttribute name 'größe' is not a valid attribute name: it"
        + " has a space, control or non-ASCII character at index 2",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(@SpanAttribute", "      String größe) {}", "}");
  }

  @Test
  void semconvTypeMismatch() {
    assertError("\"url.path\"", "@SpanAttribute name 'url.path' is a semantic-convention key of"
        + " type STRING, but parameter x records a LONG: rename the attribute or pass a String",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(@SpanAttribute(", "      \"url.path\")", "      int x) {}",
        "}");
  }

  @Test
  void semconvTypeMismatch_numbers() {
    assertError("server.port", "@SpanAttribute name 'server.port' is a semantic-convention key"
        + " of type LONG, but parameter port records a DOUBLE: rename the attribute or pass a"
        + " long",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(@SpanAttribute(\"server.port\") Float port) {}", "}");
  }

  @Test
  void semconvTypeMismatch_anArrayKeyCanOnlyBeRenamed() {
    Compilation compilation = TestCompiler.javac().compile(forSourceLines("demo.Bad",
        "package demo;", "import dev.aotel.*;", "public class Bad {",
        "  @Traced public void run(",
        "      @SpanAttribute(\"http.request.header.accept\") String accept) {}", "}"));
    // A parameter never records an array: no "or pass a ...".
    assertThat(compilation.errors()).singleElement()
        .extracting(error -> error.getMessage(Locale.ROOT))
        .isEqualTo("@SpanAttribute name 'http.request.header.accept' is a semantic-convention"
            + " key of type STRING_ARRAY, but parameter accept records a STRING: rename the"
            + " attribute");
  }

  @Test
  void semconvTypeMismatch_noneWhenTheTypesAgree() {
    Compilation compilation = TestCompiler.javac().compile(forSourceLines("demo.Good",
        "package demo;", "import dev.aotel.*;", "public class Good {",
        "  @Traced public void run(@SpanAttribute(\"url.path\") String path,",
        "      @SpanAttribute(\"server.port\") int port,",
        "      @SpanAttribute(\"my.ratio\") float ratio) {}", "}"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void finalMethodInSubclass() {
    assertError("public final void close", "@Traced cannot subclass demo.Bad: public method"
        + " Bad.close() is final, so the wrapper could not forward it; remove 'final' or"
        + " implement an interface that declares the traced methods",
        "package demo;", "public class Bad {",
        "  @dev.aotel.Traced public void run() {}",
        "  public final void close() {}", "}");
  }

  @Test
  void finalMethodInSubclass_inheritedIsReportedOnTheTracedClass() {
    JavaFileObject base = forSourceLines("demo.Base", "package demo;", "public class Base {",
        "  public final void close() {}", "}");
    JavaFileObject bad = forSourceLines("demo.Bad", "package demo;",
        "public class Bad extends Base {", "  @dev.aotel.Traced public void run() {}", "}");
    Compilation compilation = TestCompiler.javac().compile(base, bad);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("@Traced cannot subclass demo.Bad: public method"
        + " Base.close() is final").inFile(bad).onLineContaining("class Bad");
  }

  @Test
  void finalMethodInSubclass_notWhenADecoratorWillDo() {
    Compilation compilation = TestCompiler.javac().compile(
        forSourceLines("demo.Runner", "package demo;", "public interface Runner { void run(); }"),
        forSourceLines("demo.Good", "package demo;", "public class Good implements Runner {",
            "  @dev.aotel.Traced public void run() {}",
            "  public final void close() {}", "}"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("demo.TracedGood").contentsAsUtf8String()
        .contains("implements Runner");
  }

  @Test
  void unresolvedType() {
    JavaFileObject bad = forSourceLines("demo.Bad", "package demo;",
        "public class Bad implements gen.Missing {", "  @dev.aotel.Traced public void run() {}",
        "}");
    TypeProbe probe = new TypeProbe("demo.TracedBad");
    Compilation compilation = Compiler.javac().withProcessors(new TracedProcessor(), probe)
        .compile(bad);
    assertThat(compilation).failed();
    // javac adds its own "package gen does not exist"; ours says which class has no wrapper.
    assertThat(compilation).hadErrorContaining("@Traced cannot wrap demo.Bad: it refers to"
        + " gen.Missing, which could not be resolved; fix the reference, or make sure the"
        + " processor that generates it runs").inFile(bad).onLineContaining("class Bad");
    assertThat(probe.found).as("no guessed wrapper").isEmpty();
  }

  @Test
  void unresolvedType_inAMethodSignature() {
    JavaFileObject bad = forSourceLines("demo.Bad", "package demo;", "public class Bad {",
        "  @dev.aotel.Traced public java.util.List<gen.Missing> run() { return null; }", "}");
    TypeProbe probe = new TypeProbe("demo.TracedBad");
    Compilation compilation = Compiler.javac().withProcessors(new TracedProcessor(), probe)
        .compile(bad);
    assertThat(compilation).hadErrorContaining("@Traced cannot wrap demo.Bad: it refers to"
        + " gen.Missing").inFile(bad).onLineContaining("class Bad");
    assertThat(probe.found).as("no guessed wrapper").isEmpty();
  }

  @Test
  void cannotWrite() {
    JavaFileObject outer = forSourceLines("demo.Outer", "package demo;", "public class Outer {",
        "  @dev.aotel.Traced public static class Inner { public void run() {} }", "}");
    JavaFileObject clash = forSourceLines("demo.Outer_Inner", "package demo;",
        "@dev.aotel.Traced public class Outer_Inner { public void run() {} }");
    Compilation compilation = TestCompiler.javac().compile(outer, clash);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("@Traced cannot write TracedOuter_Inner for"
        + " demo.Outer_Inner: ").inFile(clash).onLineContaining("class Outer_Inner");
    assertThat(compilation).hadErrorContaining("; if another class has the same wrapper name,"
        + " rename one of them");
  }

  @Test
  void unexpectedFailure() {
    JavaFileObject good = forSourceLines("demo.Good", "package demo;", "public class Good {",
        "  @dev.aotel.Traced public String run() { return \"ok\"; }", "}");
    JavaFileObject broken = forSourceLines("demo.Broken", "package demo;",
        "public class Broken {", "  @dev.aotel.Traced public void run() {}", "}");
    TypeProbe probe = new TypeProbe("demo.TracedGood", "demo.TracedBroken");
    Compilation compilation = Compiler.javac().withProcessors(failingOn("Broken"), probe)
        .compile(good, broken);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("@Traced failed on demo.Broken:"
        + " java.lang.IllegalStateException: class file for lib.Base not found; please report it")
        .inFile(broken).onLineContaining("class Broken");
    assertThat(probe.found).containsExactly("demo.TracedGood");
  }

  /**
   * The real processor, but its {@link Elements} fail on one class the way javac's do when a
   * class file is missing from the class path: an exception the processor cannot anticipate.
   */
  private static Processor failingOn(String simpleName) {
    TracedProcessor processor = new TracedProcessor();
    return new AbstractProcessor() {
      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return processor.getSupportedAnnotationTypes();
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return processor.getSupportedSourceVersion();
      }

      @Override
      public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        Elements real = env.getElementUtils();
        Elements failing = proxy(Elements.class, (method, args) -> {
          if (method.getName().equals("getAllMembers")
              && ((TypeElement) args[0]).getSimpleName().contentEquals(simpleName)) {
            throw new IllegalStateException("class file for lib.Base not found");
          }
          return forward(method, real, args);
        });
        processor.init(proxy(ProcessingEnvironment.class, (method, args) ->
            method.getName().equals("getElementUtils") ? failing : forward(method, env, args)));
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        return processor.process(annotations, round);
      }
    };
  }

  private interface Handler {
    Object handle(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    return type.cast(Proxy.newProxyInstance(ProcessorErrorsTest.class.getClassLoader(),
        new Class<?>[] {type}, (proxy, method, args) -> handler.handle(method, args)));
  }

  private static Object forward(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void oneBadClassNeverStopsTheOthers() {
    JavaFileObject good = forSourceLines("demo.Good", "package demo;", "public class Good {",
        "  @dev.aotel.Traced public String run() { return \"ok\"; }", "}");
    JavaFileObject bad = forSourceLines("demo.Bad", "package demo;", "public final class Bad {",
        "  @dev.aotel.Traced public void run() {}", "}");
    JavaFileObject alsoBad = forSourceLines("demo.AlsoBad", "package demo;",
        "public class AlsoBad {", "  @dev.aotel.Traced static void run() {}", "}");
    TypeProbe probe = new TypeProbe("demo.TracedGood", "demo.TracedBad", "demo.TracedAlsoBad");
    Compilation compilation = Compiler.javac().withProcessors(new TracedProcessor(), probe)
        .compile(good, bad, alsoBad);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("@Traced cannot wrap final class demo.Bad")
        .inFile(bad).onLineContaining("final class Bad");
    assertThat(compilation).hadErrorContaining("@Traced cannot wrap static method"
        + " AlsoBad.run()").inFile(alsoBad).onLineContaining("static void run");
    assertThat(probe.found).containsExactly("demo.TracedGood");
  }
}
