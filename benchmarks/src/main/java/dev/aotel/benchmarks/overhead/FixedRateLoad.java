package dev.aotel.benchmarks.overhead;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP load at a fixed rate: {@code GET /hello} is due every {@code 1/rate} seconds,
 * sent on a free keep-alive connection (one request in flight per connection), and its latency is
 * taken from when it was due, not from when it could be sent, so that a stall delays every
 * request due meanwhile and shows in the percentiles (no coordinated omission). Below the
 * service's capacity this is the latency a user sees at a normal load, which wrk's closed loop at
 * saturation does not show: there, latency is the connections over the throughput. {@code
 * latency-overhead.sh} runs it against each configuration.
 *
 * <pre>
 * port rate-per-s warmup-s measure-s connections
 * prints: "requests N late N p50 µs p90 µs p99 µs p99.9 µs max µs stalls N stalled µs
 *   longest-stall µs"
 * </pre>
 *
 * <p>Only requests due inside the measured seconds count. "late" counts those sent more than 1 ms
 * after they were due because every connection was busy: the load is past what the service
 * sustains when that grows. A response ends at the end of its headers: the service's body is
 * six bytes sent in the same segment.
 */
public final class FixedRateLoad {
  private static final byte[] REQUEST =
      "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};
  private static final long NOT_SENT = Long.MIN_VALUE;

  private FixedRateLoad() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: FixedRateLoad port rate-per-s warmup-s measure-s connections");
    }
    int port = Integer.parseInt(args[0]);
    double rate = Double.parseDouble(args[1]);
    double warmup = Double.parseDouble(args[2]);
    double measure = Double.parseDouble(args[3]);
    int connections = Integer.parseInt(args[4]);
    if (!(rate > 0) || warmup < 0 || !(measure > 0) || connections < 1) {
      throw new IllegalArgumentException("rate, measure-s and connections must be positive,"
          + " warmup-s not negative: " + String.join(" ", args));
    }
    System.out.println(run(port, rate, warmup, measure, connections));
  }

  static String run(int port, double rate, double warmup, double measure, int connections)
      throws IOException {
    long interval = (long) (1e9 / rate);
    ByteBuffer request = ByteBuffer.wrap(REQUEST).asReadOnlyBuffer();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    SocketChannel[] channels = new SocketChannel[connections];
    long[] dueOf = new long[connections]; // the due time of the request in flight, or NOT_SENT
    int[] matched = new int[connections]; // bytes of END_OF_HEADERS matched so far
    int[] free = new int[connections]; // a stack of connections with nothing in flight
    int freeCount = 0;
    // Due times of requests waiting for a free connection, oldest first (a ring).
    long[] backlog = new long[1 << 16];
    int backlogHead = 0;
    int backlogSize = 0;
    int[] latencies = new int[(int) (rate * measure * 1.1) + 16]; // µs
    int count = 0;
    int late = 0;
    // The generator's own stalls (its thread not run for over a millisecond between two turns of
    // its loop, inside the measured seconds): latency they cause is the box's, not the service's.
    int stalls = 0;
    long stalledNanos = 0;
    long longestStall = 0;
    try (Selector selector = Selector.open()) {
      for (int i = 0; i < connections; i++) {
        channels[i] = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channels[i].socket().setTcpNoDelay(true);
        channels[i].configureBlocking(false);
        channels[i].register(selector, SelectionKey.OP_READ, i);
        dueOf[i] = NOT_SENT;
        free[freeCount++] = i;
      }
      long start = System.nanoTime();
      long measureFrom = start + (long) (warmup * 1e9);
      long measureTo = measureFrom + (long) (measure * 1e9);
      long nextDue = start;
      long previousTurn = start;
      while (true) {
        long now = System.nanoTime();
        long gap = now - previousTurn;
        previousTurn = now;
        if (gap > 1_000_000 && now > measureFrom && now - gap < measureTo) {
          stalls++;
          stalledNanos += gap;
          longestStall = Math.max(longestStall, gap);
        }
        while (nextDue <= now && nextDue < measureTo) { // every request due by now joins the queue
          if (backlogSize == backlog.length) {
            throw new IOException("more than " + backlog.length + " requests wait for a free"
                + " connection: the service does not keep up with " + rate + " requests/s");
          }
          backlog[(backlogHead + backlogSize++) & (backlog.length - 1)] = nextDue;
          nextDue += interval;
        }
        while (backlogSize > 0 && freeCount > 0) {
          long due = backlog[backlogHead];
          backlogHead = (backlogHead + 1) & (backlog.length - 1);
          backlogSize--;
          int c = free[--freeCount];
          dueOf[c] = due;
          if (due >= measureFrom && now - due > 1_000_000) {
            late++;
          }
          request.rewind();
          while (request.hasRemaining()) {
            channels[c].write(request);
          }
        }
        if (nextDue >= measureTo && backlogSize == 0 && freeCount == connections) {
          break; // everything due was answered
        }
        long wait = nextDue - System.nanoTime();
        if (wait > 2_000_000) {
          selector.select(wait / 1_000_000 - 1);
        } else {
          if (selector.selectNow() == 0 && wait > 0) {
            LockSupport.parkNanos(Math.min(wait, 20_000));
            selector.selectNow();
          }
        }
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          int c = (int) key.attachment();
          buffer.clear();
          int read = channels[c].read(buffer);
          if (read < 0) {
            throw new IOException("the service closed connection " + c);
          }
          for (int i = 0; i < read; i++) {
            byte b = buffer.get(i);
            matched[c] = b == END_OF_HEADERS[matched[c]] ? matched[c] + 1 : b == '\r' ? 1 : 0;
            if (matched[c] == END_OF_HEADERS.length) {
              matched[c] = 0;
              long due = dueOf[c];
              if (due == NOT_SENT) {
                throw new IOException("a response nobody asked for on connection " + c);
              }
              if (due >= measureFrom && count < latencies.length) {
                latencies[count++] = (int) Math.min(Integer.MAX_VALUE,
                    (System.nanoTime() - due) / 1000);
              }
              dueOf[c] = NOT_SENT;
              free[freeCount++] = c;
            }
          }
        }
        if (System.nanoTime() - measureTo > 30_000_000_000L) {
          throw new IOException("responses still missing 30 s after the last request was due");
        }
      }
    } finally {
      for (SocketChannel channel : channels) {
        if (channel != null) {
          channel.close();
        }
      }
    }
    int[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "requests %d late %d p50 %d p90 %d p99 %d p99.9 %d max %d"
            + " stalls %d stalled %d longest-stall %d",
        count, late, percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99),
        percentile(sorted, 0.999), count == 0 ? 0 : sorted[count - 1], stalls,
        stalledNanos / 1000, longestStall / 1000);
  }

  private static int percentile(int[] sorted, double p) {
    return sorted.length == 0 ? 0
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)];
  }
}
