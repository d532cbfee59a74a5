package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP semantics every signal reads, derived once per operation by the runtime: method
 * normalisation and the status-based {@code error.type}. Known methods come from {@code
 * otel.instrumentation.http.known-methods} ({@code OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS});
 * {@code AotelSdk} passes its merged configuration through {@link #setKnownMethods}.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class HttpSemantics {
  /** RFC 9110 methods plus PATCH: the semantic conventions' default known methods. */
  public static final Set<String> DEFAULT_KNOWN_METHODS =
      Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");
  /** The setting that overrides {@link #DEFAULT_KNOWN_METHODS}. */
  public static final String KNOWN_METHODS_PROPERTY = "otel.instrumentation.http.known-methods";
  /** What an unknown method is recorded as. */
  public static final String OTHER = "_OTHER";

  /**
   * Statuses as the attribute values every signal shares: one instance per status, so metric
   * attributes can be cached by identity and nothing is boxed per request.
   */
  private static final Long[] STATUS = new Long[600];
  private static final String[] STATUS_TEXT = new String[600];

  static {
    for (int i = 0; i < STATUS.length; i++) {
      STATUS[i] = (long) i;
      STATUS_TEXT[i] = Integer.toString(i);
    }
  }

  /** Known method → the one instance recorded for it (a request's method is a new string). */
  private static volatile Map<String, String> knownMethods = canonical(parseKnownMethods(
      System.getProperty(KNOWN_METHODS_PROPERTY,
          System.getenv("OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS"))));

  private HttpSemantics() {}

  /** The known methods from a comma-separated setting; the defaults when null or blank. */
  public static Set<String> parseKnownMethods(String setting) {
    if (setting == null || setting.isBlank()) {
      return DEFAULT_KNOWN_METHODS;
    }
    List<String> methods = new ArrayList<>();
    for (String item : setting.split(",")) {
      if (!item.isBlank()) {
        methods.add(item.strip());
      }
    }
    return Set.copyOf(methods);
  }

  /** Replaces the known methods for operations started from now on. */
  public static void setKnownMethods(Set<String> methods) {
    knownMethods = canonical(Objects.requireNonNull(methods, "methods"));
  }

  /** The known methods in effect. */
  public static Set<String> knownMethods() {
    return knownMethods.keySet();
  }

  private static Map<String, String> canonical(Set<String> methods) {
    Map<String, String> map = new HashMap<>();
    for (String method : methods) {
      map.put(method, method);
    }
    return Map.copyOf(map);
  }

  /**
   * Sets {@code http.request.method} (a known method, else {@code _OTHER}) and, when they differ,
   * {@code http.request.method_original}.
   */
  static void method(AttributeMap attributes, String method) {
    String known = method == null ? null : knownMethods.get(method);
    MapAccess.write(attributes, AttributeKey.HTTP_REQUEST_METHOD, known != null ? known : OTHER);
    if (known == null && method != null) {
      MapAccess.write(attributes, AttributeKey.HTTP_REQUEST_METHOD_ORIGINAL, method);
    }
  }

  /**
   * Sets {@code http.response.status_code}, and {@code error.type} (the status as a string) when
   * the status is an error and no exception set one: 5xx for servers, 4xx and 5xx for clients.
   */
  static void status(AttributeMap attributes, int status, boolean client) {
    if (status <= 0) {
      return;
    }
    MapAccess.write(attributes, AttributeKey.HTTP_RESPONSE_STATUS_CODE,
        status < STATUS.length ? STATUS[status] : Long.valueOf(status));
    if (status >= (client ? 400 : 500) && !attributes.contains(AttributeKey.ERROR_TYPE)) {
      MapAccess.write(attributes, AttributeKey.ERROR_TYPE,
          status < STATUS_TEXT.length ? STATUS_TEXT[status] : Integer.toString(status));
    }
  }

  /** A {@code Content-Length} value as a size, or null when absent or not a number. */
  static Long contentLength(String value) {
    if (value == null || value.isEmpty() || value.length() > 18) {
      return null;
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
