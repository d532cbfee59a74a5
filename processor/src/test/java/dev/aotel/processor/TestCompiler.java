package dev.aotel.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Compiles user sources with the real processor and loads what javac wrote. */
final class TestCompiler {
  private TestCompiler() {}

  static Compilation compile(JavaFileObject... sources) {
    // Users build with -Werror too: generated code must not add a single warning.
    Compilation compilation = Compiler.javac().withProcessors(new TracedProcessor())
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
