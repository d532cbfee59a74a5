package dev.aotel.runtime.internal;

/** Parsing of {@code Host} and {@code X-Forwarded-For} values, tolerant of bad input. */
final class HostAndPort {
  private HostAndPort() {}

  record Parsed(String host, int port) {}

  /** {@code example.com:8080}, {@code [::1]:80} or {@code example.com}; null if unusable. */
  static Parsed parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0) {
        return null;
      }
      String host = v.substring(1, close);
      return new Parsed(host, port(v, close + 1));
    }
    int colon = v.lastIndexOf(':');
    if (colon < 0) {
      return new Parsed(v, -1);
    }
    if (v.indexOf(':') != colon) {
      return new Parsed(v, -1); // a bare IPv6 address
    }
    return new Parsed(v.substring(0, colon), port(v, colon));
  }

  private static int port(String value, int colon) {
    if (colon >= value.length() || value.charAt(colon) != ':') {
      return -1;
    }
    try {
      int port = Integer.parseInt(value.substring(colon + 1));
      return port > 0 && port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The first address of an {@code X-Forwarded-For} list, or null. */
  static String firstForwardedFor(String value) {
    if (value == null) {
      return null;
    }
    int comma = value.indexOf(',');
    String first = (comma >= 0 ? value.substring(0, comma) : value).strip();
    return first.isEmpty() ? null : first;
  }
}
