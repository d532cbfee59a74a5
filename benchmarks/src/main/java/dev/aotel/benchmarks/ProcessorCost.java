package dev.aotel.benchmarks;

import dev.aotel.processor.TracedProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What the processor costs a build: generates N {@code @Traced} classes (handlers, decorators and
 * subclass wrappers, with {@code @SpanAttribute}s), then, in interleaved rounds, compiles them with
 * the processor (timing its {@code process()}) and compiles the same sources plus the wrappers it
 * generated without any processor. Prints medians, min and max. Run by {@code processor-cost.sh}.
 */
public final class ProcessorCost {
  private ProcessorCost() {}

  /** Delegates to the real processor and adds up the time spent in it. */
  static final class Timed extends AbstractProcessor {
    private final TracedProcessor delegate = new TracedProcessor();
    long nanos;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      long start = System.nanoTime();
      super.init(env);
      delegate.init(env);
      nanos += System.nanoTime() - start;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      long start = System.nanoTime();
      try {
        return delegate.process(annotations, round);
      } finally {
        nanos += System.nanoTime() - start;
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int classes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("aotel-processor-cost");
    Path sources = Files.createDirectories(dir.resolve("src/gen"));
    for (int i = 0; i < classes; i++) {
      Files.writeString(sources.resolve("Service" + i + ".java"), source(i));
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(sources)) {
      files = list.toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = System.getProperty("java.class.path");
    long[] with = new long[rounds];
    long[] without = new long[rounds];
    long[] process = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      Path generated = recreate(dir.resolve("generated"));
      Timed timed = new Timed();
      long start = System.nanoTime();
      compile(javac, files, classpath, recreate(dir.resolve("out-with")),
          List.of("-s", generated.toString()), timed);
      with[r] = System.nanoTime() - start;
      process[r] = timed.nanos;

      List<Path> all = new ArrayList<>(files);
      try (Stream<Path> list = Files.walk(generated)) {
        list.filter(p -> p.toString().endsWith(".java")).forEach(all::add);
      }
      start = System.nanoTime();
      compile(javac, all, classpath, recreate(dir.resolve("out-without")),
          List.of("-proc:none"), null);
      without[r] = System.nanoTime() - start;
      System.out.printf("round %d: with processor %d ms (process() %d ms), without %d ms%n",
          r + 1, with[r] / 1_000_000, process[r] / 1_000_000, without[r] / 1_000_000);
    }
    System.out.printf("%d classes, %d rounds (median, min-max):%n", classes, rounds);
    System.out.printf("  with the processor:     %s ms%n", stats(with));
    System.out.printf("  without, same wrappers: %s ms%n", stats(without));
    System.out.printf("  in aotel's process():   %s ms%n", stats(process));
    System.out.printf("  ratio (medians): %.2fx%n", (double) median(with) / median(without));
  }

  private static void compile(JavaCompiler javac, List<Path> files, String classpath, Path out,
      List<String> options, Processor processor) throws IOException {
    try (StandardJavaFileManager manager = javac.getStandardFileManager(null, null, null)) {
      List<String> all = new ArrayList<>(List.of("-classpath", classpath, "-d", out.toString(),
          "-Xlint:none", "-nowarn"));
      all.addAll(options);
      JavaCompiler.CompilationTask task = javac.getTask(null, manager, null, all, null,
          manager.getJavaFileObjectsFromPaths(files));
      if (processor != null) {
        task.setProcessors(List.of(processor));
      }
      if (!task.call()) {
        throw new IllegalStateException("compilation failed");
      }
    }
  }

  private static Path recreate(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }

  /** A third handlers, a third decorators, a third subclass wrappers. */
  static String source(int i) {
    String name = "Service" + i;
    switch (i % 3) {
      case 0:
        return "package gen;\n"
            + "@dev.aotel.Traced(\"/orders/{id}\")\n"
            + "public class " + name + " implements com.sun.net.httpserver.HttpHandler {\n"
            + "  @Override public void handle(com.sun.net.httpserver.HttpExchange e)\n"
            + "      throws java.io.IOException { e.sendResponseHeaders(200, -1); e.close(); }\n"
            + "}\n";
      case 1:
        return "package gen;\n"
            + "public class " + name + " implements java.util.function.Function<String, String>,"
            + " Comparable<" + name + "> {\n"
            + "  @dev.aotel.Traced(\"svc." + i + ".apply\") @Override\n"
            + "  public String apply(@dev.aotel.SpanAttribute(\"input\") String s) { return s; }\n"
            + "  @Override public int compareTo(" + name + " o) { return 0; }\n"
            + "}\n";
      default:
        return "package gen;\n"
            + "@dev.aotel.Traced\n"
            + "public class " + name + " {\n"
            + "  public long add(@dev.aotel.SpanAttribute(\"a\") long a, long b) { return a + b; }\n"
            + "  public java.util.concurrent.CompletionStage<String> later(String s) {\n"
            + "    return java.util.concurrent.CompletableFuture.completedFuture(s); }\n"
            + "  public void run() {}\n"
            + "}\n";
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String stats(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format("%d (%d-%d)", median(nanos) / 1_000_000, sorted[0] / 1_000_000,
        sorted[sorted.length - 1] / 1_000_000);
  }
}
