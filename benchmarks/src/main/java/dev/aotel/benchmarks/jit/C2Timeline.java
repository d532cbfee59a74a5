package dev.aotel.benchmarks.jit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * When C2 got to the request path, from one service JVM's {@code -XX:+LogCompilation} file: how
 * many C2 compiles waited in the queue second by second, how many ran and for how long inside the
 * measured window, and for each C2 compile of a tracked method (the JDK server's {@code
 * Filter$Chain.doFilter}, which inlines the handlers, and every method of the given class-name
 * prefixes) when it was queued and after how many calls, when C2 compiled it and how large. HotSpot
 * raises the C2 thresholds with the queue's length, so a method called once per request reaches
 * C2 late while the queue is long, and runs as profiled C1 code until then. Used by {@code
 * benchmarks/c2-timeline.sh}.
 */
public final class C2Timeline {
  private static final String DO_FILTER = "com.sun.net.httpserver.Filter$Chain doFilter";

  private C2Timeline() {}

  /** One C2 compile: queued (seconds of JVM uptime, calls then), compiled from and to. */
  private static final class Compile {
    final String method;
    final double queued;
    final long calls;
    double started = Double.NaN;
    double done = Double.NaN;
    long machineCode;

    Compile(String method, double queued, long calls) {
      this.method = method;
      this.queued = queued;
      this.calls = calls;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: C2Timeline <LogCompilation file> <window start s> <window end s>"
          + " <class-name prefix>...");
      System.exit(2);
    }
    double from = Double.parseDouble(args[1]);
    double to = Double.parseDouble(args[2]);
    List<String> prefixes = List.of(args).subList(3, args.length);
    Map<String, Compile> compiles = read(Path.of(args[0]));

    StringBuilder waiting = new StringBuilder();
    for (int second = 1; second <= Math.ceil(to); second++) {
      int t = second;
      long n = compiles.values().stream()
          .filter(c -> c.queued <= t && !(c.started <= t)).count(); // NaN: never started
      waiting.append(' ').append(second).append("s:").append(n);
    }
    System.out.println("C2 compiles waiting in the queue at each second of uptime:" + waiting);
    double busy = 0;
    int inWindow = 0;
    for (Compile c : compiles.values()) {
      double overlap = Math.min(c.done, to) - Math.max(c.started, from);
      if (overlap > 0) { // false for NaN: never started or never finished
        busy += overlap;
        inWindow++;
      }
    }
    System.out.printf(Locale.ROOT, "in the window %.1f-%.1f s: %d C2 compiles ran, %.2f s of"
        + " compile time%n", from, to, inWindow, busy);
    System.out.println("C2 compiles of the tracked methods, by the time they were queued:");
    compiles.values().stream()
        .filter(c -> c.method.startsWith(DO_FILTER)
            || prefixes.stream().anyMatch(c.method::startsWith))
        .sorted(Comparator.comparingDouble(c -> c.queued))
        .forEach(c -> System.out.printf(Locale.ROOT,
            "  queued %5.2f s after %,8d calls, compiled %5.2f-%5.2f s, %6d B  %s%n",
            c.queued, c.calls, c.started, c.done, c.machineCode, shorten(c.method)));
  }

  /** {@code holder name} without the signature. */
  private static String shorten(String method) {
    int signature = method.indexOf(" (");
    return signature < 0 ? method : method.substring(0, signature);
  }

  /** Every C2 (level 4) compile in the file, by compile id, in the order they were queued. */
  static Map<String, Compile> read(Path file) throws IOException, XMLStreamException {
    Map<String, Compile> compiles = new LinkedHashMap<>();
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      Compile current = null; // the <task> being read, if it is a C2 compile
      while (xml.hasNext()) {
        if (xml.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        switch (xml.getLocalName()) {
          case "task_queued" -> {
            String level = xml.getAttributeValue(null, "level");
            if (level == null || level.equals("4")) {
              String calls = xml.getAttributeValue(null, "iicount");
              compiles.put(xml.getAttributeValue(null, "compile_id"), new Compile(
                  xml.getAttributeValue(null, "method"), stamp(xml),
                  calls == null ? 0 : Long.parseLong(calls)));
            }
          }
          case "task" -> {
            current = compiles.get(xml.getAttributeValue(null, "compile_id"));
            if (current != null) {
              current.started = stamp(xml);
            }
          }
          case "task_done" -> {
            if (current != null) {
              current.done = stamp(xml);
              String size = xml.getAttributeValue(null, "nmsize");
              current.machineCode = size == null ? 0 : Long.parseLong(size);
              current = null;
            }
          }
          default -> { }
        }
      }
    }
    return compiles;
  }

  private static double stamp(XMLStreamReader xml) {
    return Double.parseDouble(xml.getAttributeValue(null, "stamp"));
  }

  /** For tests of the parser: the tracked compiles of a file, queued order. */
  static List<String> methods(Path file) throws IOException, XMLStreamException {
    return new ArrayList<>(read(file).values().stream().map(c -> c.method).toList());
  }
}
