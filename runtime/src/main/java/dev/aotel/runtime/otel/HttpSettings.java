package dev.aotel.runtime.otel;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.internal.HeaderPolicy;
import dev.aotel.runtime.internal.HttpSemantics;
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
  public static final Set<String> DEFAULT_KNOWN_METHODS = HttpSemantics.DEFAULT_KNOWN_METHODS;

  static final String KNOWN_METHODS = HttpSemantics.KNOWN_METHODS_PROPERTY;
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

  private HttpSettings(Set<String> knownMethods, AttributeList serverRequest,
      AttributeList serverResponse, AttributeList clientRequest, AttributeList clientResponse) {
    this.knownMethods = Set.copyOf(knownMethods);
    this.serverRequestHeaders = serverRequest;
    this.serverResponseHeaders = serverResponse;
    this.clientRequestHeaders = clientRequest;
    this.clientResponseHeaders = clientResponse;
  }

  /** Defaults: the default known methods, no headers captured. */
  public static HttpSettings defaults() {
    return fromConfig(name -> null);
  }

  /**
   * Settings from {@code otel.instrumentation.http.*} properties, as a lookup by property name
   * gives them (the SDK passes its merged configuration).
   *
   * @throws IllegalArgumentException naming the property when a header list is invalid
   */
  public static HttpSettings fromConfig(Function<String, String> property) {
    Objects.requireNonNull(property, "property");
    return new HttpSettings(HttpSemantics.parseKnownMethods(property.apply(KNOWN_METHODS)),
        capture(property, SERVER_REQUEST, true),
        capture(property, SERVER_RESPONSE, false),
        capture(property, CLIENT_REQUEST, true),
        capture(property, CLIENT_RESPONSE, false));
  }

  private static AttributeList capture(Function<String, String> property, String name,
      boolean request) {
    try {
      List<String> headers = list(property.apply(name));
      return request ? HeaderPolicy.requestCapture(headers) : HeaderPolicy.responseCapture(headers);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + name + ": " + e.getMessage(), e);
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

  /**
   * The known methods. The runtime, not an instrument, normalises methods, so that every signal
   * sees the same value: {@code AotelSdk} hands these to it.
   */
  public Set<String> knownMethods() {
    return knownMethods;
  }

  /** Request headers recorded on server spans. */
  public AttributeList serverRequestHeaders() {
    return serverRequestHeaders;
  }

  /** Response headers recorded on server spans. */
  public AttributeList serverResponseHeaders() {
    return serverResponseHeaders;
  }

  /** Request headers recorded on client spans. */
  public AttributeList clientRequestHeaders() {
    return clientRequestHeaders;
  }

  /** Response headers recorded on client spans. */
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
