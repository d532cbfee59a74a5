package dev.aotel.benchmarks;

import dev.aotel.processor.TracedProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * subclass wrappers, with {@code @SpanAttribute}s), then, in interleaved rounds, compiles them
 * three ways: with the processor (timing its {@code process()}); with a processor that only writes
 * the same wrappers from strings (what any source-generating processor costs javac: a second
 * round that parses the new files and re-enters the old ones); and the same sources plus the
 * wrappers without any processor. Wall time and the compiling thread's CPU time (javac runs on
 * it; a GC pause is wall time but not CPU time) are reported as medians, min and max. Run by
 * {@code processor-cost.sh}.
 */
public final class ProcessorCost {
  private ProcessorCost() {}

  /** Delegates to the real processor and adds up the time spent in it. */
  static final class Timed extends AbstractProcessor {
    private final TracedProcessor delegate = new TracedProcessor();
    long nanos;
    long cpuNanos;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      super.init(env);
      delegate.init(env);
      nanos += System.nanoTime() - start;
      cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
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
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      try {
        return delegate.process(annotations, round);
      } finally {
        nanos += System.nanoTime() - start;
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
      }
    }
  }

  /** Writes the given wrapper sources in the first round and does nothing else. */
  static final class Replay extends AbstractProcessor {
    private final Map<String, String> sources;

    Replay(Map<String, String> sources) {
      this.sources = sources;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    private boolean written;

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        for (Map.Entry<String, String> source : sources.entrySet()) {
          try (Writer out = processingEnv.getFiler().createSourceFile(source.getKey()).openWriter()) {
            out.write(source.getValue());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return false;
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
    long[][] with = new long[2][rounds];
    long[][] replay = new long[2][rounds];
    long[][] without = new long[2][rounds];
    long[][] process = new long[2][rounds];
    for (int r = 0; r < rounds; r++) {
      Path generated = recreate(dir.resolve("generated"));
      Timed timed = new Timed();
      time(with, r, () -> compile(javac, files, classpath, recreate(dir.resolve("out-with")),
          List.of("-s", generated.toString()), timed));
      process[0][r] = timed.nanos;
      process[1][r] = timed.cpuNanos;

      Map<String, String> wrappers = new TreeMap<>();
      List<Path> all = new ArrayList<>(files);
      try (Stream<Path> list = Files.walk(generated)) {
        for (Path p : list.filter(p -> p.toString().endsWith(".java")).toList()) {
          all.add(p);
          String name = generated.relativize(p).toString().replace(".java", "");
          wrappers.put(name.replace(java.io.File.separatorChar, '.'), Files.readString(p));
        }
      }
      time(replay, r, () -> compile(javac, files, classpath, recreate(dir.resolve("out-replay")),
          List.of("-s", recreate(dir.resolve("generated-replay")).toString()),
          new Replay(wrappers)));
      time(without, r, () -> compile(javac, all, classpath, recreate(dir.resolve("out-without")),
          List.of("-proc:none"), null));
      System.out.printf("round %d (wall/CPU ms): with processor %d/%d (process() %d/%d),"
          + " replaying its files %d/%d, without %d/%d%n", r + 1,
          with[0][r] / 1_000_000, with[1][r] / 1_000_000,
          process[0][r] / 1_000_000, process[1][r] / 1_000_000,
          replay[0][r] / 1_000_000, replay[1][r] / 1_000_000,
          without[0][r] / 1_000_000, without[1][r] / 1_000_000);
    }
    System.out.printf("%d classes, %d rounds, ms (median, min-max), wall | CPU:%n", classes, rounds);
    System.out.printf("  with the processor:        %s | %s%n", stats(with[0]), stats(with[1]));
    System.out.printf("  writing the same files:    %s | %s%n", stats(replay[0]),
        stats(replay[1]));
    System.out.printf("  without, same wrappers:    %s | %s%n", stats(without[0]),
        stats(without[1]));
    System.out.printf("  in aotel's process():      %s | %s%n", stats(process[0]),
        stats(process[1]));
    System.out.printf("  ratio with/without (medians): wall %.2fx, CPU %.2fx%n",
        (double) median(with[0]) / median(without[0]),
        (double) median(with[1]) / median(without[1]));
    System.out.printf("  ratio writing-only/without (medians): wall %.2fx, CPU %.2fx%n",
        (double) median(replay[0]) / median(without[0]),
        (double) median(replay[1]) / median(without[1]));
  }

  interface Compile {
    void run() throws IOException;
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Wall time into {@code into[0][round]}, this thread's CPU time into {@code into[1][round]}. */
  private static void time(long[][] into, int round, Compile compile) throws IOException {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    compile.run();
    into[0][round] = System.nanoTime() - start;
    into[1][round] = THREADS.getCurrentThreadCpuTime() - cpu;
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
