package dev.aotel.runtime;

import java.util.Locale;
import java.util.Objects;

/** Validation of header names as RFC 9110 tokens. */
final class HeaderNames {
  /** RFC 9110 {@code tchar} punctuation. */
  private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";

  private HeaderNames() {}

  /**
   * The lowercase form of a header name.
   *
   * @throws IllegalArgumentException naming the header when it is empty, longer than {@link
   *     KeyPool#MAX_NAME_LENGTH} or has a character a header name cannot have
   */
  static String normalize(String headerName) {
    Objects.requireNonNull(headerName, "headerName");
    String name = headerName.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.length() > KeyPool.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("header name '" + headerName + "' must be 1 to "
          + KeyPool.MAX_NAME_LENGTH + " characters long");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || TOKEN_PUNCTUATION.indexOf(c) >= 0;
      if (!token) {
        throw new IllegalArgumentException("header name '" + headerName + "' has the character '"
            + c + "' at index " + i + ", which a header name cannot have (RFC 9110 token)");
      }
    }
    return name;
  }
}
