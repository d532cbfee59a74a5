package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.HeaderPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The standard HTTP instrumentation settings: known methods and the headers to capture, server
 * and client, request and response. Captured header lists go through {@link HeaderPolicy}:
 * credentials are dropped whatever is configured.
 */
public final class HttpSettings {
  /** RFC 9110 methods plus PATCH: the semantic conventions' default known methods. */
  public static final Set<String> DEFAULT_KNOWN_METHODS =
      Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");

  static final String KNOWN_METHODS = "otel.instrumentation.http.known-methods";
  static final String SERVER_REQUEST = "otel.instrumentation.http.server.capture-request-headers";
  static final String SERVER_RESPONSE =
      "otel.instrumentation.http.server.capture-response-headers";
  static final String CLIENT_REQUEST = "otel.instrumentation.http.client.capture-request-headers";
  static final String CLIENT_RESPONSE =
      "otel.instrumentation.http.client.capture-response-headers";

  private final Set<String> knownMethods;
  private final AttributeList serverRequestHeaders;
  private final AttributeList serverResponseHeaders;
  private final AttributeList clientRequestHeaders;
  private final AttributeList clientResponseHeaders;

  private HttpSettings(Set<String> knownMethods, List<String> serverRequest,
      List<String> serverResponse, List<String> clientRequest, List<String> clientResponse) {
    this.knownMethods = Set.copyOf(knownMethods);
    this.serverRequestHeaders = HeaderPolicy.requestCapture(serverRequest);
    this.serverResponseHeaders = HeaderPolicy.responseCapture(serverResponse);
    this.clientRequestHeaders = HeaderPolicy.requestCapture(clientRequest);
    this.clientResponseHeaders = HeaderPolicy.responseCapture(clientResponse);
  }

  /** Defaults: the default known methods, no headers captured. */
  public static HttpSettings defaults() {
    return fromConfig(name -> null);
  }

  /**
   * Settings from {@code otel.instrumentation.http.*} properties, as a lookup by property name
   * gives them (the SDK passes its merged configuration).
   *
   * @throws IllegalArgumentException naming the setting when a header list is invalid
   */
  public static HttpSettings fromConfig(Function<String, String> property) {
    Objects.requireNonNull(property, "property");
    String known = property.apply(KNOWN_METHODS);
    Set<String> methods = known == null || known.isBlank()
        ? DEFAULT_KNOWN_METHODS : Set.copyOf(list(known));
    try {
      return new HttpSettings(methods, list(property.apply(SERVER_REQUEST)),
          list(property.apply(SERVER_RESPONSE)), list(property.apply(CLIENT_REQUEST)),
          list(property.apply(CLIENT_RESPONSE)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid otel.instrumentation.http.* setting: "
          + e.getMessage(), e);
    }
  }

  /**
   * Settings from system properties, then environment variables ({@code
   * OTEL_INSTRUMENTATION_HTTP_SERVER_CAPTURE_REQUEST_HEADERS} for {@code
   * otel.instrumentation.http.server.capture-request-headers}), for use without the SDK module.
   */
  public static HttpSettings fromSystem() {
    return fromConfig(name -> {
      String value = System.getProperty(name);
      return value != null ? value
          : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    });
  }

  private static List<String> list(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  /** The method as exported: itself when known, otherwise {@code _OTHER}. */
  String normalizeMethod(String method) {
    return method != null && knownMethods.contains(method) ? method : "_OTHER";
  }

  /** The known methods. */
  public Set<String> knownMethods() {
    return knownMethods;
  }

  public AttributeList serverRequestHeaders() {
    return serverRequestHeaders;
  }

  public AttributeList serverResponseHeaders() {
    return serverResponseHeaders;
  }

  public AttributeList clientRequestHeaders() {
    return clientRequestHeaders;
  }

  public AttributeList clientResponseHeaders() {
    return clientResponseHeaders;
  }

  @Override
  public String toString() {
    return "HttpSettings{knownMethods=" + Arrays.toString(knownMethods.toArray())
        + ", server=" + serverRequestHeaders + "/" + serverResponseHeaders
        + ", client=" + clientRequestHeaders + "/" + clientResponseHeaders + "}";
  }
}
