package dev.aotel.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles user sources with the real processor and loads what javac wrote. */
final class TestCompiler {
  private TestCompiler() {}

  /** javac with the processor and nothing else: for tests that expect errors or warnings. */
  static Compiler javac() {
    return Compiler.javac().withProcessors(new TracedProcessor());
  }

  /** Compiles with the processor, which must succeed without a single warning. */
  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(new TracedProcessor()), sources);
  }

  /** Like {@link #compile(JavaFileObject...)}, with other processors alongside. */
  static Compilation compile(List<Processor> processors, JavaFileObject... sources) {
    // Users build with -Werror too: generated code must not add a single warning.
    Compilation compilation = Compiler.javac().withProcessors(processors)
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(sources);
    assertThat(compilation.status())
        .as("compilation: %s", compilation.diagnostics())
        .isEqualTo(Compilation.Status.SUCCESS);
    return compilation;
  }

  /** A class loader over the compiled classes, the test class path as parent. */
  static ClassLoader load(Compilation compilation) {
    Map<String, byte[]> classes = classFiles(compilation);
    return new ClassLoader(TestCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }

  /** {@code new <wrapper>(new <delegate>())}, both loaded from the compiled classes. */
  static Object wrap(ClassLoader loader, String wrapper, String delegate) throws Exception {
    Class<?> type = loader.loadClass(delegate);
    Object instance = type.getConstructor().newInstance();
    return loader.loadClass(wrapper).getConstructor(type).newInstance(instance);
  }

  /** Calls a public method reflectively, throwing what the method threw. */
  static Object invoke(Object target, String name, Class<?>[] types, Object... args)
      throws Throwable {
    Method method = target.getClass().getMethod(name, types);
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Binary class name to class-file bytes. */
  static Map<String, byte[]> classFiles(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
          path.length() - ".class".length()).replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return classes;
  }
}
