package dev.aotel.sdk.internal;

import io.opentelemetry.instrumentation.resources.ContainerResource;
import io.opentelemetry.instrumentation.resources.HostResource;
import io.opentelemetry.instrumentation.resources.OsResource;
import io.opentelemetry.instrumentation.resources.ProcessResource;
import io.opentelemetry.instrumentation.resources.ProcessRuntimeResource;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Two things {@code AotelSdk.start()} does around autoconfigure to take time off it.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class StartupWork {
  /** A hook that does nothing, without spinning a lambda class during start-up. */
  public static final Runnable NOTHING = new Runnable() {
    @Override
    public void run() {}
  };

  /** Where the SDK logs that two merged resources had different schema URLs. */
  private static final String RESOURCE_LOGGER = "io.opentelemetry.sdk.resources.Resource";

  private StartupWork() {}

  /**
   * Starts detecting the host, process, runtime, OS and container resources on a daemon thread.
   * The detectors (opentelemetry-resources) compute their resource once, in a static initialiser,
   * reading files and the JVM's management beans; started here, that runs on the second core
   * while autoconfigure loads its SPIs on this one, and when autoconfigure asks its providers
   * they hand out what is already computed (or wait for it). Which providers apply is still for
   * autoconfigure and its settings ({@code otel.java.disabled.resource.providers}) to decide: a
   * disabled detector is computed here for nothing, which costs that thread, not the service.
   */
  public static void detectResourcesInBackground() {
    Thread thread = new Thread(() -> {
      for (Supplier<?> detector : new Supplier<?>[] {HostResource::get, ProcessResource::get,
          ProcessRuntimeResource::get, OsResource::get, ContainerResource::get}) {
        try {
          detector.get();
        } catch (Throwable e) { // the provider, asked by autoconfigure, reports it as usual
          if (e instanceof VirtualMachineError error) {
            throw error;
          }
        }
      }
    }, "aotel-resource-detection");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code build} with the SDK's resource logger at WARNING, unless its level was set (by
   * you or a logging configuration: then it is left as it is) or INFO is off anyway. The
   * SDK's default resource and the detectors carry different semantic-convention schema URLs in
   * every release, so each start logs two INFO lines saying the merged resource gets none, which
   * nobody can act on; formatting the first JUL line of the process loads the time-zone and locale
   * data, about 40-60 ms of start-up on two cores. The level is put back afterwards.
   */
  public static <T> T withoutSchemaUrlNotices(Supplier<T> build) {
    Logger logger = Logger.getLogger(RESOURCE_LOGGER); // held: JUL keeps loggers weakly
    boolean quieten = logger.getLevel() == null && logger.isLoggable(Level.INFO);
    if (quieten) {
      logger.setLevel(Level.WARNING);
    }
    try {
      return build.get();
    } finally {
      if (quieten) {
        logger.setLevel(null); // inherited again, as it was
      }
    }
  }
}
