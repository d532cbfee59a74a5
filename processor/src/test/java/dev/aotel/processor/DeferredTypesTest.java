package dev.aotel.processor;

import static com.google.testing.compile.JavaFileObjects.forSourceLines;
import static dev.aotel.processor.TestCompiler.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.aotel.runtime.InstrumentKind;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A @Traced class may use types that another processor generates in a later round. */
class DeferredTypesTest {
  private static final Map<String, String> GENERATED = Map.of(
      "gen.Greeter", "package gen;\n"
          + "public interface Greeter {\n"
          + "  String greet(Name name);\n"
          + "}\n",
      "gen.Name", "package gen;\n"
          + "public record Name(String value) {}\n");

  RecordingInstrument instrument;

  @BeforeEach
  void attach() {
    instrument = RecordingInstrument.attach(InstrumentKind.CUSTOM);
  }

  @AfterEach
  void detach() {
    instrument.detach();
  }

  @Test
  void aGeneratedInterfaceGetsADecoratorOnceItExists() throws Throwable {
    JavaFileObject hello = forSourceLines("app.Hello",
        "package app;",
        "import dev.aotel.Traced;",
        "import gen.Greeter;",
        "import gen.Name;",
        "public class Hello implements Greeter {",
        "  @Override @Traced public String greet(Name name) { return \"hello \" + name.value(); }",
        "  public String unrelated() { return \"not in the interface\"; }",
        "}");
    Compilation compilation = TestCompiler.compile(
        List.of(new TracedProcessor(), new GeneratingProcessor(GENERATED)), hello);
    ClassLoader loader = TestCompiler.load(compilation);

    Object wrapper = TestCompiler.wrap(loader, "app.TracedHello", "app.Hello");
    // A decorator: before deferral, a missing interface made the processor write a subclass.
    assertThat(wrapper.getClass().getSuperclass()).isEqualTo(Object.class);
    Class<?> greeter = loader.loadClass("gen.Greeter");
    assertThat(wrapper.getClass().getInterfaces()).containsExactly(greeter);
    Class<?> name = loader.loadClass("gen.Name");
    Object bob = name.getConstructor(String.class).newInstance("bob");
    assertThat(invoke(wrapper, "greet", new Class<?>[] {name}, bob)).isEqualTo("hello bob");
    RecordingInstrument.Ended ended = instrument.ended.poll();
    assertThat(ended.name()).isEqualTo("Hello.greet");
    assertThat(ended.attributes()).containsEntry("code.function.name", "app.Hello.greet");
  }

  @Test
  void aGeneratedParameterTypeIsWaitedForInASubclassToo() throws Throwable {
    JavaFileObject counter = forSourceLines("app.Counter",
        "package app;",
        "import dev.aotel.SpanAttribute;",
        "import dev.aotel.Traced;",
        "import gen.Name;",
        "public class Counter {",
        "  @Traced public int count(@SpanAttribute(\"name\") Name name) {",
        "    return name.value().length();",
        "  }",
        "}");
    Compilation compilation = TestCompiler.compile(
        List.of(new GeneratingProcessor(GENERATED), new TracedProcessor()), counter);
    ClassLoader loader = TestCompiler.load(compilation);

    Object wrapper = TestCompiler.wrap(loader, "app.TracedCounter", "app.Counter");
    assertThat(wrapper.getClass().getSuperclass()).isEqualTo(loader.loadClass("app.Counter"));
    Class<?> name = loader.loadClass("gen.Name");
    Object bob = name.getConstructor(String.class).newInstance("bob");
    assertThat(invoke(wrapper, "count", new Class<?>[] {name}, bob)).isEqualTo(3);
    assertThat(instrument.ended.poll().attributes()).containsEntry("name", "Name[value=bob]");
  }
}
