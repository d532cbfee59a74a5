package dev.aotel.runtime.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Parsing of {@code Host} and {@code X-Forwarded-For} values, tolerant of bad input, and the
 * text of peer addresses. A service sees the same few hosts and peers over and over, so the last
 * answer of each is kept: a request then allocates nothing here.
 */
final class HostAndPort {
  private HostAndPort() {}

  /** A host and its port, null when the value has none. */
  record Parsed(String raw, String host, Long port) {}

  private record PeerText(InetAddress address, String text) {}

  private static volatile Parsed lastHost = new Parsed("", "", null);
  private static volatile PeerText lastPeer = new PeerText(null, null);

  /** {@code example.com:8080}, {@code [::1]:80} or {@code example.com}; null if unusable. */
  static Parsed parse(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Parsed last = lastHost;
    if (last.raw().equals(value)) {
      return last;
    }
    Parsed parsed = parseNew(value);
    if (parsed != null) {
      lastHost = parsed;
    }
    return parsed;
  }

  /** The peer's IP address as text ({@code 127.0.0.1}), or its host string if unresolved. */
  static String address(InetSocketAddress socket) {
    InetAddress address = socket.getAddress();
    if (address == null) {
      return socket.getHostString();
    }
    PeerText last = lastPeer;
    if (address.equals(last.address())) {
      return last.text();
    }
    String text = address.getHostAddress();
    lastPeer = new PeerText(address, text);
    return text;
  }

  private static Parsed parseNew(String value) {
    String v = value.strip();
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0) {
        return null;
      }
      String host = v.substring(1, close);
      return new Parsed(value, host, port(v, close + 1));
    }
    int colon = v.lastIndexOf(':');
    if (colon < 0) {
      return new Parsed(value, v, null);
    }
    if (v.indexOf(':') != colon) {
      return new Parsed(value, v, null); // a bare IPv6 address
    }
    return new Parsed(value, v.substring(0, colon), port(v, colon));
  }

  private static Long port(String value, int colon) {
    if (colon >= value.length() || value.charAt(colon) != ':') {
      return null;
    }
    try {
      int port = Integer.parseInt(value, colon + 1, value.length(), 10);
      return port > 0 && port <= 65535 ? Long.valueOf(port) : null;
    } catch (NumberFormatException e) {
      return null;
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
