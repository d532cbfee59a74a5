package dev.aotel.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The last {@code service.name} fallback: when neither configuration nor the main jar's manifest
 * ({@code Implementation-Title}) nor its file name named the service, the main class's simple
 * name does, from the {@code sun.java.command} the launcher recorded.
 */
final class ServiceNames {
  // The resource key is the SDK's own; semconv's ServiceAttributes is not on this classpath.
  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private ServiceNames() {}

  static Resource withFallback(Resource detected, String unknown) {
    return withFallback(detected, unknown, System.getProperty("sun.java.command"));
  }

  /** {@link #withFallback(Resource, String)} for this launcher command. */
  static Resource withFallback(Resource detected, String unknown, String command) {
    String current = detected.getAttribute(SERVICE_NAME);
    if (current != null && !current.equals(unknown)) {
      return detected;
    }
    String name = mainClassName(command);
    return name == null ? detected
        : detected.merge(Resource.create(io.opentelemetry.api.common.Attributes.of(
            SERVICE_NAME, name)));
  }

  /**
   * {@code com.example.Shop --port 8080} gives {@code Shop}; {@code app/com.example.Shop} (a
   * module) gives {@code Shop}; {@code shop.jar} gives {@code shop}.
   */
  static String mainClassName(String command) {
    if (command == null || command.isBlank()) {
      return null;
    }
    String main = command.strip().split("\\s+", 2)[0];
    if (main.endsWith(".jar")) {
      int slash = Math.max(main.lastIndexOf('/'), main.lastIndexOf('\\'));
      String file = main.substring(slash + 1, main.length() - ".jar".length());
      return file.isEmpty() ? null : file;
    }
    int slash = main.lastIndexOf('/');
    String className = slash >= 0 ? main.substring(slash + 1) : main;
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple.isEmpty() ? null : simple;
  }
}
