package dev.aotel.benchmarks.jit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What C2 compiled, from HotSpot's {@code -XX:+LogCompilation} files: per file the C2 compiles,
 * their time, machine-code size and the bytecode they parsed (their own and everything inlined),
 * how much of that is aotel's and OpenTelemetry's, then the medians, and which of those methods
 * were inlined most (bytes parsed, averaged over the files). Used by {@code benchmarks/c2-cost.sh}
 * to compare the JIT work two builds of the request path cost, where throughput runs on shared
 * cores cannot tell them apart.
 */
public final class C2Cost {
  private static final String[] OURS = {"dev.aotel.", "io.opentelemetry."};

  private C2Cost() {}

  /** Totals of one file. */
  record Totals(int compiles, long millis, long machineCode, long parsed, long oursParsed,
      long oursMillis) {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: C2Cost <LogCompilation file>...");
      System.exit(2);
    }
    List<Totals> all = new ArrayList<>();
    Map<String, Long> inlined = new HashMap<>();
    for (String arg : args) {
      Totals totals = read(Path.of(arg), inlined);
      all.add(totals);
      System.out.printf(Locale.ROOT, "%s: %d C2 compiles, %d ms, %d KB machine code,"
              + " %d bytecode bytes parsed, of which aotel/OpenTelemetry %d (their compiles %d ms)%n",
          arg, totals.compiles(), totals.millis(), totals.machineCode() / 1024, totals.parsed(),
          totals.oursParsed(), totals.oursMillis());
    }
    System.out.printf(Locale.ROOT, "medians of %d: %d ms, %d KB machine code, %d bytes parsed,"
            + " aotel/OpenTelemetry %d bytes in %d ms%n", all.size(),
        median(all, Totals::millis), median(all, Totals::machineCode) / 1024,
        median(all, Totals::parsed), median(all, Totals::oursParsed),
        median(all, Totals::oursMillis));
    System.out.println("aotel/OpenTelemetry methods by bytecode parsed per file:");
    inlined.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(20)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %7d  %s%n", e.getValue() / args.length,
            e.getKey()));
  }

  private static long median(List<Totals> all, ToLongFunction<Totals> f) {
    long[] values = all.stream().mapToLong(f).sorted().toArray();
    return values[values.length / 2];
  }

  /** One file's C2 compiles; adds what each of ours inlined to {@code inlined}. */
  static Totals read(Path file, Map<String, Long> inlined) throws IOException, XMLStreamException {
    int compiles = 0;
    long millis = 0;
    long machineCode = 0;
    long parsed = 0;
    long oursParsed = 0;
    long oursMillis = 0;
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader xml = factory.createXMLStreamReader(in);
      // Inside one <task>: its klass and method ids, and the bytes it parsed.
      boolean inC2Task = false;
      double start = 0;
      Map<String, String> klasses = new HashMap<>();
      Map<String, String[]> methods = new HashMap<>(); // id -> {holder id, name, bytes}
      long taskParsed = 0;
      long taskOurs = 0;
      Map<String, Long> taskInlined = new HashMap<>(); // merged only if the compile succeeds
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String name = xml.getLocalName();
          if (name.equals("task")) {
            String level = xml.getAttributeValue(null, "level");
            inC2Task = level == null || level.equals("4");
            start = Double.parseDouble(xml.getAttributeValue(null, "stamp"));
            klasses.clear();
            methods.clear();
            taskParsed = 0;
            taskOurs = 0;
            taskInlined.clear();
          } else if (!inC2Task) {
            continue;
          } else if (name.equals("klass")) {
            klasses.put(xml.getAttributeValue(null, "id"), xml.getAttributeValue(null, "name"));
          } else if (name.equals("method")) {
            methods.put(xml.getAttributeValue(null, "id"), new String[] {
                xml.getAttributeValue(null, "holder"), xml.getAttributeValue(null, "name"),
                xml.getAttributeValue(null, "bytes")});
          } else if (name.equals("parse")) {
            String[] method = methods.get(xml.getAttributeValue(null, "method"));
            if (method != null && method[2] != null) {
              long bytes = Long.parseLong(method[2]);
              String holder = klasses.getOrDefault(method[0], "?");
              taskParsed += bytes;
              if (ours(holder)) {
                taskOurs += bytes;
                taskInlined.merge(holder + "." + method[1], bytes, Long::sum);
              }
            }
          } else if (name.equals("task_done")) {
            String size = xml.getAttributeValue(null, "nmsize");
            if (size != null) { // a compile that failed or bailed out has none
              long took = Math.round(
                  (Double.parseDouble(xml.getAttributeValue(null, "stamp")) - start) * 1000);
              compiles++;
              millis += took;
              machineCode += Long.parseLong(size);
              parsed += taskParsed;
              oursParsed += taskOurs;
              if (taskOurs > 0) {
                oursMillis += took;
              }
              taskInlined.forEach((method, bytes) -> inlined.merge(method, bytes, Long::sum));
            }
            inC2Task = false;
          }
        }
      }
    }
    return new Totals(compiles, millis, machineCode, parsed, oursParsed, oursMillis);
  }

  private static boolean ours(String holder) {
    for (String prefix : OURS) {
      if (holder.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
