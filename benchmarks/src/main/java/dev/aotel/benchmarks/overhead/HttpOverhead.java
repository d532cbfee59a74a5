package dev.aotel.benchmarks.overhead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The side-by-side HTTP benchmark behind {@code benchmarks/http-overhead.sh}: one hello-world
 * {@code HttpHandler} served plain, with aotel's wrapper and nothing attached, with aotel
 * exporting OTLP/HTTP, with the OpenTelemetry Java agent exporting to the same receiver, and
 * hand-wired with OpenTelemetry's library instrumentation. Rounds are interleaved (every
 * configuration once per round), so that the machine's drift hits all of them alike.
 *
 * <p>Per configuration and round: a fresh JVM, {@code wrk} warm-up then the measured run, then
 * heap after a full GC ({@code jcmd}) and RSS, then SIGTERM (the exporters flush in their
 * shutdown hooks) and the receiver's span count. Writes a Markdown table and an SVG chart.
 *
 * <p>Usage: {@code HttpOverhead <out-dir> <rounds> <warmup-s> <measure-s> <config,...>}; the
 * environment gives {@code AOTEL_BENCH_JAR}, {@code AGENT_JAR}, {@code LIBRARY_CP}.
 */
public final class HttpOverhead {
  private static final int APP_PORT = 18080;
  private static final int RECEIVER_PORT = 14318;
  private static final String URL = "http://127.0.0.1:" + APP_PORT + "/hello";

  /** One way of serving the handler. */
  record Config(String name, String label, boolean exports, List<String> command) {}

  /** What one run of one configuration measured. */
  record Run(double rps, double p50, double p99, long startupMs, double heapMb, double rssMb,
      long requests, long errors, long spans, double cpuUs, double jitUs, double receiverCpuUs) {}

  private HttpOverhead() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int measure = Integer.parseInt(args[3]);
    Map<String, Config> all = configs();
    List<Config> chosen = new ArrayList<>();
    for (String name : args[4].split(",")) {
      Config config = all.get(name);
      if (config == null) {
        throw new IllegalArgumentException("unknown configuration '" + name + "'; known: "
            + all.keySet());
      }
      chosen.add(config);
    }
    Files.createDirectories(out);
    Process receiver = start(List.of("java", "-cp", System.getenv("AOTEL_BENCH_JAR"),
        SpanCountingReceiver.class.getName(), String.valueOf(RECEIVER_PORT)), Map.of(),
        out.resolve("receiver.log"));
    try {
      awaitLine(out.resolve("receiver.log"), "ready");
      Map<String, List<Run>> runs = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        for (Config config : chosen) {
          Run run = measure(config, round, warmup, measure, out, receiver.pid());
          runs.computeIfAbsent(config.name(), k -> new ArrayList<>()).add(run);
          System.err.printf(Locale.ROOT, "round %d %-9s %8.0f req/s p50 %.2f ms p99 %.2f ms "
                  + "start %d ms heap %.1f MB rss %.0f MB requests %d spans %d errors %d "
                  + "cpu %.1f us/req (jit %.1f) receiver %.1f us/req%n",
              round, config.name(), run.rps(), run.p50(), run.p99(), run.startupMs(),
              run.heapMb(), run.rssMb(), run.requests(), run.spans(), run.errors(), run.cpuUs(),
              run.jitUs(), run.receiverCpuUs());
        }
      }
      String table = table(chosen, runs, rounds, warmup, measure);
      Files.writeString(out.resolve("table.md"), table);
      Files.writeString(out.resolve("http-overhead.svg"), chart(chosen, runs));
      System.out.println(table);
    } finally {
      receiver.destroy();
      receiver.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static Map<String, Config> configs() {
    String jar = System.getenv("AOTEL_BENCH_JAR");
    List<String> java = List.of("java", "-Dsun.net.httpserver.nodelay=true");
    String hello = "dev.aotel.benchmarks.HelloService";
    String port = String.valueOf(APP_PORT);
    Map<String, Config> configs = new LinkedHashMap<>();
    configs.put("plain", new Config("plain", "plain", false,
        concat(java, List.of("-cp", jar, hello, port, "plain"))));
    configs.put("disabled", new Config("disabled", "aotel, nothing attached", false,
        concat(java, List.of("-cp", jar, hello, port, "disabled"))));
    configs.put("noop", new Config("noop", "aotel, a no-op instrument attached", false,
        concat(java, List.of("-cp", jar, hello, port, "noop"))));
    configs.put("aotel", new Config("aotel", "aotel, OTLP export", true,
        concat(java, List.of("-cp", jar, hello, port, "aotel"))));
    configs.put("recorded", new Config("recorded", "aotel, spans recorded, exporter discards",
        false, concat(java, List.of("-Dotel.traces.exporter=discard", "-cp", jar, hello, port,
            "aotel"))));
    configs.put("sdk-exporter", new Config("sdk-exporter", "aotel, OTLP export by the SDK's exporter",
        true, concat(java, List.of("-Daotel.otlp.exporter=sdk", "-cp", jar, hello, port,
            "aotel"))));
    configs.put("manual", new Config("manual",
        "a span made by hand, 4 attributes, OTLP export (floor)", true,
        concat(java, List.of("-cp", jar, hello, port, "manual"))));
    configs.put("agent", new Config("agent", "agent 2.33.1, OTLP export", true,
        concat(java, List.of("-javaagent:" + env("AGENT_JAR"), "-cp", jar, hello,
            port, "plain"))));
    configs.put("library", new Config("library", "library 2.23.0-alpha, OTLP export", true,
        concat(java, List.of("-cp", env("LIBRARY_CP"),
            "dev.aotel.benchmarks.library.LibraryHello", port))));
    return configs;
  }

  /** A setting of the script's; a placeholder that names it when unset (only its run fails). */
  private static String env(String name) {
    String value = System.getenv(name);
    return value != null ? value : "(" + name + " is not set)";
  }

  /** The standard settings every configuration gets; only the exporting ones use them. */
  static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", "hello");
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + RECEIVER_PORT);
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    return env;
  }

  /** One run; {@code receiverPid} is the receiver's process, whose CPU time it reads too. */
  static Run measure(Config config, int round, int warmup, int measure, Path out,
      long receiverPid) throws Exception {
    long spansBefore = receivedSpans();
    Path log = out.resolve(config.name() + "-" + round + ".log");
    Process app = start(config.command(), environment(), log);
    try {
      long startup = Long.parseLong(awaitLine(log, "ready ").substring("ready ".length()).trim());
      String warm = wrk(warmup, false);
      long cpu = cpuMicros(app.pid());
      long jit = compilerCpuMicros(app.pid());
      long receiverCpu = cpuMicros(receiverPid);
      String text = wrk(measure, true);
      cpu = cpuMicros(app.pid()) - cpu;
      jit = compilerCpuMicros(app.pid()) - jit;
      receiverCpu = cpuMicros(receiverPid) - receiverCpu;
      Files.writeString(out.resolve(config.name() + "-" + round + ".wrk"), text);
      double heap = heapAfterGcMb(app.pid());
      double rss = rssMb(app.pid());
      app.destroy(); // SIGTERM: shutdown hooks flush the exporters
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(config.name() + " did not exit within 30 s of SIGTERM");
      }
      long requests = count(warm) + count(text);
      long spans = receivedSpans() - spansBefore;
      return new Run(number(text, "Requests/sec:\\s+([\\d.]+)"), latencyMs(text, "50%"),
          latencyMs(text, "99%"), startup, heap, rss, requests, errors(warm) + errors(text),
          spans, (double) cpu / count(text), (double) jit / count(text),
          (double) receiverCpu / count(text));
    } finally {
      app.destroyForcibly();
      app.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String wrk(int seconds, boolean latency) throws Exception {
    List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c32", "-d" + seconds + "s"));
    if (latency) {
      command.add("--latency");
    }
    command.add(URL);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
      throw new IllegalStateException("wrk failed: " + text);
    }
    return text;
  }

  private static long count(String wrk) {
    return (long) number(wrk, "(\\d+) requests in");
  }

  private static long errors(String wrk) {
    long errors = 0;
    Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(wrk);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket = Pattern.compile(
        "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(wrk);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    return errors;
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no match for " + regex + " in:\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }

  private static double latencyMs(String wrk, String percentile) {
    Matcher m = Pattern.compile("^\\s+" + percentile + "\\s+([\\d.]+)(us|ms|s)\\s*$",
        Pattern.MULTILINE).matcher(wrk);
    if (!m.find()) {
      throw new IllegalStateException("no " + percentile + " latency in:\n" + wrk);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }

  private static double heapAfterGcMb(long pid) throws Exception {
    run("jcmd", String.valueOf(pid), "GC.run");
    String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
    return number(info, "used (\\d+)K") / 1024;
  }

  /**
   * CPU time (user and system, all threads) the process has used, from /proc: per request over
   * the measured window it shows what each configuration costs even when the box's noise moves
   * throughput.
   */
  private static long cpuMicros(long pid) throws IOException {
    return ticks(Path.of("/proc/" + pid + "/stat")) * 1_000_000 / CLOCK_TICKS;
  }

  /** User and system CPU ticks of a /proc {@code stat} file (a process's or a thread's). */
  private static long ticks(Path stat) throws IOException {
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
  }

  /**
   * CPU time of the JIT's compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…}):
   * in this 3 s + 8 s protocol the enabled configurations' gap to plain is largely C2 still
   * compiling their code inside the measured window, which this column shows run by run. A
   * compiler thread the JVM stops within the window (on machines with more than one per tier)
   * takes its time with it: the figure is then a lower bound.
   */
  private static long compilerCpuMicros(long pid) throws IOException {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            ticks += ticks(task.resolve("stat"));
          }
        } catch (IOException e) {
          // the thread ended between listing and reading
        }
      }
    }
    return ticks * 1_000_000 / CLOCK_TICKS;
  }

  /** USER_HZ: /proc counts CPU time in these; 100 on Linux unless the kernel says otherwise. */
  private static final long CLOCK_TICKS = clockTicks();

  private static long clockTicks() {
    try {
      return Long.parseLong(run("getconf", "CLK_TCK").trim());
    } catch (Exception | Error e) {
      return 100;
    }
  }

  private static double rssMb(long pid) throws IOException {
    String status = Files.readString(Path.of("/proc/" + pid + "/status"));
    return number(status, "VmRSS:\\s+(\\d+) kB") / 1024;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return text;
  }

  private static long receivedSpans() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String body = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + RECEIVER_PORT + "/spans"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    return Long.parseLong(body.split(" ")[0]);
  }

  private static Process start(List<String> command, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Waits up to 60 s for a line of the log that starts with this prefix, and returns it. */
  private static String awaitLine(Path log, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            Files.newInputStream(log), StandardCharsets.UTF_8))) {
          for (String line; (line = reader.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
              return line;
            }
          }
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no line '" + prefix + "' in " + log + " within 60 s:\n"
        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }

  static String table(List<Config> configs, Map<String, List<Run>> runs, int rounds, int warmup,
      int measure) {
    double plainRps = median(runs.get("plain"), Run::rps);
    double plainP99 = median(runs.get("plain"), Run::p99);
    double plainStart = median(runs.get("plain"), r -> r.startupMs());
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "%d interleaved rounds; per configuration and round a "
        + "fresh JVM, wrk -t1 -c32, %d s warm-up then %d s measured. Medians, (min–max); the "
        + "throughput ratio is taken against plain in the same round.%n%n",
        rounds, warmup, measure));
    md.append("| configuration | throughput × plain | requests/s | p50 ms | p99 ms | start-up ms "
        + "| heap after GC MB | RSS MB | app CPU µs / request | of which JIT compilers "
        + "| receiver CPU µs / request | spans received / requests | errors |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Config config : configs) {
      List<Run> list = runs.get(config.name());
      md.append("| ").append(config.label())
          .append(" | ").append(runs.containsKey("plain") ? ratio(list, runs.get("plain")) : "–")
          .append(" | ").append(cell(list, Run::rps, "%.0f"))
          .append(" | ").append(cell(list, Run::p50, "%.2f"))
          .append(" | ").append(cell(list, Run::p99, "%.2f"))
          .append(" | ").append(cell(list, r -> r.startupMs(), "%.0f"))
          .append(" | ").append(cell(list, Run::heapMb, "%.1f"))
          .append(" | ").append(cell(list, Run::rssMb, "%.0f"))
          .append(" | ").append(cell(list, Run::cpuUs, "%.1f"))
          .append(" | ").append(cell(list, Run::jitUs, "%.1f"))
          .append(" | ").append(cell(list, Run::receiverCpuUs, "%.1f"))
          .append(" | ").append(config.exports() ? delivered(list) : "–")
          .append(" | ").append(list.stream().mapToLong(Run::errors).sum())
          .append(" |\n");
    }
    if (runs.containsKey("plain")) {
      md.append(String.format(Locale.ROOT, "%nAgainst plain (median %.0f requests/s, p99 %.2f ms, "
          + "start-up %.0f ms), the difference of the medians, then in brackets the median "
          + "(min–max) of each round's difference to plain in the same round: ", plainRps,
          plainP99, plainStart));
      List<String> deltas = new ArrayList<>();
      List<Run> plain = runs.get("plain");
      for (Config config : configs) {
        if (!config.name().equals("plain")) {
          List<Run> list = runs.get(config.name());
          double[] p99 = differences(list, plain, Run::p99);
          double[] start = differences(list, plain, r -> r.startupMs());
          deltas.add(String.format(Locale.ROOT, "%s p99 %+.2f ms [%+.2f (%+.2f–%+.2f)], start-up "
                  + "%+.0f ms [%+.0f (%+.0f–%+.0f)]", config.name(),
              median(list, Run::p99) - plainP99, median(p99), p99[0], p99[p99.length - 1],
              median(list, r -> r.startupMs()) - plainStart, median(start), start[0],
              start[start.length - 1]));
        }
      }
      md.append(String.join("; ", deltas)).append(".\n");
    }
    return md.toString();
  }

  private static String ratio(List<Run> runs, List<Run> plain) {
    double[] ratios = ratios(runs, plain);
    return String.format(Locale.ROOT, "**%.2f×** (%.2f–%.2f)", median(ratios), ratios[0],
        ratios[ratios.length - 1]);
  }

  /** Each round's throughput over plain's in the same round, sorted. */
  private static double[] ratios(List<Run> runs, List<Run> plain) {
    return paired(runs, plain, Run::rps, (run, base) -> run / base);
  }

  /** Each round's figure minus plain's in the same round, sorted. */
  private static double[] differences(List<Run> runs, List<Run> plain,
      ToDoubleFunction<Run> figure) {
    return paired(runs, plain, figure, (run, base) -> run - base);
  }

  /**
   * A figure of each round against plain's in the same round, sorted: the machine drifts between
   * rounds (throughput ±20 %, plain's own p99 by a factor of three here), much less within one, so
   * pairs by round are the stable figures.
   */
  private static double[] paired(List<Run> runs, List<Run> plain, ToDoubleFunction<Run> figure,
      DoubleBinaryOperator against) {
    double[] paired = new double[runs.size()];
    for (int i = 0; i < paired.length; i++) {
      paired[i] = against.applyAsDouble(figure.applyAsDouble(runs.get(i)),
          figure.applyAsDouble(plain.get(i)));
    }
    Arrays.sort(paired);
    return paired;
  }

  private static String delivered(List<Run> runs) {
    long spans = runs.stream().mapToLong(Run::spans).sum();
    long requests = runs.stream().mapToLong(Run::requests).sum();
    return String.format(Locale.ROOT, "%d / %d (%.1f %%)", spans, requests,
        requests == 0 ? 0 : 100.0 * spans / requests);
  }

  private static String cell(List<Run> runs, ToDoubleFunction<Run> f, String format) {
    double[] values = runs.stream().mapToDouble(f).sorted().toArray();
    return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")",
        median(values), values[0], values[values.length - 1]);
  }

  private static double median(List<Run> runs, ToDoubleFunction<Run> f) {
    return median(runs.stream().mapToDouble(f).sorted().toArray());
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /**
   * Throughput relative to plain in the same round: one bar per configuration, median, with a
   * min–max line.
   */
  static String chart(List<Config> configs, Map<String, List<Run>> runs) {
    List<Run> plain = runs.get("plain");
    int rowHeight = 34;
    int left = 230;
    int width = 400;
    int height = configs.size() * rowHeight + 50;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"13\">%n",
        left + width + 80, height));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"18\" font-weight=\"bold\">"
        + "Throughput relative to plain (median, min–max)</text>%n"));
    for (int i = 0; i < configs.size(); i++) {
      Config config = configs.get(i);
      double[] ratios = plain == null ? new double[] {1}
          : ratios(runs.get(config.name()), plain);
      double scale = width / 1.2;
      int y = 32 + i * rowHeight;
      svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%s</text>%n", y + 17,
          config.label()));
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"22\" "
          + "fill=\"%s\"/>%n", left, y + 2, median(ratios) * scale,
          config.name().equals("aotel") ? "#2b7bb9" : "#9db7cc"));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
          + "stroke=\"black\"/>%n", left + ratios[0] * scale,
          left + ratios[ratios.length - 1] * scale, y + 13, y + 13));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f×</text>%n",
          left + Math.max(median(ratios), ratios[ratios.length - 1]) * scale + 6, y + 17,
          median(ratios)));
    }
    double scale = width / 1.2;
    for (double mark : new double[] {0.5, 0.9, 1.0}) {
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"28\" y2=\"%d\" "
              + "stroke=\"#c33\" stroke-dasharray=\"3,3\"/>%n<text x=\"%.1f\" y=\"%d\" "
              + "fill=\"#c33\">%.1f</text>%n", left + mark * scale, left + mark * scale,
          height - 18, left + mark * scale - 8, height - 4, mark));
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
