package dev.aotel.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.aotel.runtime.Telemetry;
import dev.aotel.sdk.AotelSdk;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The load scripts' target: a traced hello-world {@code HttpHandler} on a loopback port, set up by
 * {@code AotelSdk.start()} from the standard {@code OTEL_*} variables. With argument {@code plain},
 * the same server without aotel; with {@code disabled}, the generated wrapper with nothing
 * attached ({@code AotelSdk} never started); with {@code noop}, the wrapper with one instrument
 * attached that does nothing (aotel's own layer, no SDK); with {@code manual}, {@code
 * AotelSdk.start()} and the handler wrapped by {@link ManualTracedHandler} instead (the least a
 * tracing layer does per request). Prints {@code ready <uptime ms>} once it serves.
 */
public final class HelloService {
  private HelloService() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String mode = args.length > 1 ? args[1] : "aotel";
    boolean plain = mode.equals("plain");
    AotelSdk aotel = mode.equals("aotel") || mode.equals("manual") ? AotelSdk.start() : null;
    if (mode.equals("noop")) {
      Telemetry.attach(new NoopInstrument());
    }
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    RespondingHandler handler = new RespondingHandler();
    server.createContext("/hello", plain ? handler
        : mode.equals("manual") ? new ManualTracedHandler(handler)
        : new TracedRespondingHandler(handler));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    System.out.println("ready " + ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
