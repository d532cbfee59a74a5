package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.HttpHeader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which headers may be captured as span attributes. Capture is deny-by-default: only configured
 * names are captured, at most {@value #MAX_CAPTURED} per list. Credentials are never captured,
 * whatever the configuration says: a configured credential header is dropped with a warning.
 *
 * <p>Blocked: {@code authorization}, {@code proxy-authorization}, {@code cookie}, {@code
 * set-cookie}, {@code set-cookie2}, {@code token}, and every name that ends in {@code -token},
 * {@code _token}, {@code -key} or {@code _key}, or contains {@code secret}, {@code password},
 * {@code passwd}, {@code credential}, {@code session}, {@code api-key} or {@code apikey}.
 *
 * <p>Internal: not API, may change without notice; the README documents the rules.
 */
public final class HeaderPolicy {
  /** The most headers one capture list may name. */
  public static final int MAX_CAPTURED = 50;

  private static final Set<String> BLOCKED_NAMES = Set.of(
      HttpHeader.AUTHORIZATION.lowercaseName(),
      HttpHeader.PROXY_AUTHORIZATION.lowercaseName(),
      HttpHeader.COOKIE.lowercaseName(),
      HttpHeader.SET_COOKIE.lowercaseName(),
      HttpHeader.SET_COOKIE2.lowercaseName(),
      "token");
  private static final List<String> BLOCKED_SUFFIXES = List.of("-token", "_token", "-key", "_key");
  private static final List<String> BLOCKED_PARTS =
      List.of("secret", "password", "passwd", "credential", "session", "api-key", "apikey");

  private HeaderPolicy() {}

  /** Whether a header (any letter case) is a credential that is never captured. */
  public static boolean isBlocked(String headerName) {
    String name = HeaderNames.normalize(headerName);
    if (BLOCKED_NAMES.contains(name)) {
      return true;
    }
    for (String suffix : BLOCKED_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    for (String part : BLOCKED_PARTS) {
      if (name.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The request-header keys to capture for these configured names: blocked names dropped with a
   * warning, duplicates (in any case) kept once, order kept.
   *
   * @throws IllegalArgumentException naming an invalid header name, or when more than {@value
   *     #MAX_CAPTURED} names remain
   */
  public static AttributeList requestCapture(List<String> headerNames) {
    return AttributeList.parse(allowed(headerNames, "request"));
  }

  /** Like {@link #requestCapture}, as {@code http.response.header.<name>} keys. */
  public static AttributeList responseCapture(List<String> headerNames) {
    return AttributeList.parse(allowed(headerNames, "response")).responseKeys();
  }

  private static List<String> allowed(List<String> headerNames, String direction) {
    Objects.requireNonNull(headerNames, "headerNames");
    Set<String> allowed = new LinkedHashSet<>();
    for (String raw : headerNames) {
      String name = HeaderNames.normalize(raw);
      if (isBlocked(name)) {
        Warnings.warn("header '" + name + "' is configured for " + direction + " capture but"
            + " carries credentials; it is never captured");
      } else {
        allowed.add(name);
      }
    }
    if (allowed.size() > MAX_CAPTURED) {
      throw new IllegalArgumentException(allowed.size() + " " + direction + " headers are"
          + " configured for capture; at most " + MAX_CAPTURED + " are allowed: shorten the list");
    }
    return new ArrayList<>(allowed);
  }
}
