package dev.aotel.runtime.internal;

/**
 * Applied where URLs are captured ({@link HttpServerCall}, {@link HttpClientCall}), so that no
 * instrument ever sees, let alone exports, the secret parts. Redaction of URL parts that carry
 * credentials, per the semantic conventions: user info, and
 * the values of the query parameters {@code AWSAccessKeyId}, {@code Signature}, {@code sig} and
 * {@code X-Goog-Signature}.
 */
final class UrlRedaction {
  static final String REDACTED = "REDACTED";
  private static final String[] SENSITIVE =
      {"AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature"};

  private UrlRedaction() {}

  /** The query with sensitive values replaced; the same instance when nothing is sensitive. */
  static String query(String query) {
    if (query == null || query.isEmpty()) {
      return query;
    }
    StringBuilder out = null;
    int start = 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      int equals = query.indexOf('=', start);
      if (equals > start && equals < end && isSensitive(query, start, equals)) {
        if (out == null) {
          out = new StringBuilder(query.length()).append(query, 0, start);
        }
        out.append(query, start, equals + 1).append(REDACTED);
      } else if (out != null) {
        out.append(query, start, end);
      }
      if (end < query.length() && out != null) {
        out.append('&');
      }
      start = end + 1;
    }
    return out == null ? query : out.toString();
  }

  /** Whether {@code query[start, end)} is a sensitive parameter name; compares in place. */
  private static boolean isSensitive(String query, int start, int end) {
    for (String name : SENSITIVE) {
      if (name.length() == end - start && query.startsWith(name, start)) {
        return true;
      }
    }
    return false;
  }

  /** A full URL with user info and sensitive query values redacted. */
  static String fullUrl(java.net.URI uri) {
    String text = uri.toString();
    String userInfo = uri.getRawUserInfo();
    String query = uri.getRawQuery();
    String redactedQuery = query(query);
    if (userInfo == null && redactedQuery == query) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append(':');
    }
    if (uri.getRawAuthority() != null) {
      out.append("//");
      if (userInfo != null) {
        out.append(REDACTED).append(':').append(REDACTED).append('@');
      }
      out.append(uri.getHost());
      if (uri.getPort() >= 0) {
        out.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    if (redactedQuery != null) {
      out.append('?').append(redactedQuery);
    }
    if (uri.getRawFragment() != null) {
      out.append('#').append(uri.getRawFragment());
    }
    return out.toString();
  }
}
