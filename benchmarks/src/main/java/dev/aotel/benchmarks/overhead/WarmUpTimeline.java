package dev.aotel.benchmarks.overhead;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where in time a service is slow: closed-loop HTTP load like wrk's (one thread, {@code
 * connections} keep-alive connections to {@code GET /hello}), but every request's latency kept
 * with when it was sent, so that throughput and p99 can be shown per time slice from the moment
 * the service is ready. {@code warmup-timeline.sh} runs it against each configuration.
 *
 * <pre>
 * load  port connections seconds slice-ms   per slice: "start-ms requests-per-s p99-µs"
 * table file...                              Markdown: per slice, median over the files of a
 *                                            configuration (named config-round.txt)
 * </pre>
 *
 * <p>A response is counted at the end of its headers: the service's body is five bytes sent in the
 * same segment. Java, not wrk, because wrk reports one distribution per run.
 */
public final class WarmUpTimeline {
  private static final byte[] REQUEST =
      "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

  private WarmUpTimeline() {}

  public static void main(String[] args) throws IOException {
    if (args.length >= 5 && args[0].equals("load")) {
      load(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]),
          Integer.parseInt(args[4]));
    } else if (args.length >= 2 && args[0].equals("table")) {
      table(Arrays.stream(args, 1, args.length).map(Path::of).toList());
    } else {
      throw new IllegalArgumentException("usage: load port connections seconds slice-ms"
          + " | table file...");
    }
  }

  private static void load(int port, int connections, double seconds, int sliceMillis)
      throws IOException {
    int slices = (int) Math.ceil(seconds * 1000 / sliceMillis);
    // Per slice, microseconds; grown by doubling so that the client allocates nearly nothing
    // per request and its own GC stays out of the service's figures.
    int[][] latencies = new int[slices][1024];
    int[] counts = new int[slices];
    ByteBuffer request = ByteBuffer.wrap(REQUEST).asReadOnlyBuffer();
    long[] sentAt = new long[connections];
    int[] matched = new int[connections]; // bytes of END_OF_HEADERS matched so far
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < connections; i++) {
        SocketChannel channel =
            SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.socket().setTcpNoDelay(true);
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, i);
      }
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      for (SelectionKey key : selector.keys()) {
        send((SocketChannel) key.channel(), request, sentAt, (int) key.attachment());
      }
      while (System.nanoTime() < end) {
        selector.select(100);
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          SocketChannel channel = (SocketChannel) key.channel();
          int c = (int) key.attachment();
          buffer.clear();
          int read = channel.read(buffer);
          if (read < 0) {
            throw new IOException("the service closed connection " + c);
          }
          int responses = 0;
          for (int i = 0; i < read; i++) {
            byte b = buffer.get(i);
            matched[c] = b == END_OF_HEADERS[matched[c]] ? matched[c] + 1 : b == '\r' ? 1 : 0;
            if (matched[c] == END_OF_HEADERS.length) {
              matched[c] = 0;
              responses++;
            }
          }
          if (responses == 0) {
            continue;
          }
          long now = System.nanoTime();
          int slice = (int) ((sentAt[c] - start) / 1_000_000 / sliceMillis);
          if (slice < slices) {
            if (counts[slice] == latencies[slice].length) {
              latencies[slice] = Arrays.copyOf(latencies[slice], counts[slice] * 2);
            }
            latencies[slice][counts[slice]++] = (int) ((now - sentAt[c]) / 1000);
          }
          send(channel, request, sentAt, c);
        }
      }
    }
    for (int i = 0; i < slices; i++) {
      int[] sorted = Arrays.copyOf(latencies[i], counts[i]);
      Arrays.sort(sorted);
      int p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1,
          (int) (sorted.length * 0.99))];
      System.out.println(i * sliceMillis + " " + sorted.length * 1000L / sliceMillis + " " + p99);
    }
  }

  private static void send(SocketChannel channel, ByteBuffer request, long[] sentAt, int c)
      throws IOException {
    request.rewind();
    while (request.hasRemaining()) {
      channel.write(request);
    }
    sentAt[c] = System.nanoTime();
  }

  /** Files {@code <config>-<round>.txt}: per slice and configuration, median rate and p99. */
  private static void table(List<Path> files) throws IOException {
    Map<String, List<long[][]>> runs = new LinkedHashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      String config = name.substring(0, name.lastIndexOf('-'));
      long[][] rows = Files.readAllLines(file).stream().filter(l -> !l.isBlank())
          .map(l -> Arrays.stream(l.trim().split(" ")).mapToLong(Long::parseLong).toArray())
          .toArray(long[][]::new);
      runs.computeIfAbsent(config, k -> new ArrayList<>()).add(rows);
    }
    StringBuilder out = new StringBuilder("| from ready, s |");
    StringBuilder rule = new StringBuilder("|---|");
    runs.keySet().forEach(config -> {
      out.append(' ').append(config).append(": req/s, p99 ms |");
      rule.append("---|");
    });
    out.append('\n').append(rule).append('\n');
    int slices = runs.values().stream().flatMap(List::stream).mapToInt(r -> r.length).min()
        .orElse(0);
    for (int s = 0; s < slices; s++) {
      out.append(String.format("| %.1f |", runs.values().iterator().next().get(0)[s][0] / 1000.0));
      for (List<long[][]> rounds : runs.values()) {
        int slice = s;
        long rate = median(rounds.stream().mapToLong(r -> r[slice][1]).toArray());
        long p99 = median(rounds.stream().mapToLong(r -> r[slice][2]).toArray());
        out.append(String.format(" %,d, %.1f |", rate, p99 / 1000.0));
      }
      out.append('\n');
    }
    System.out.print(out);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
