package dev.aotel.runtime.internal;

import dev.aotel.internal.NameRules;
import java.util.Locale;
import java.util.Objects;

/** Validation of header names as RFC 9110 tokens. */
final class HeaderNames {
  private HeaderNames() {}

  /**
   * The lowercase form of a header name.
   *
   * @throws IllegalArgumentException naming the header when it is not a valid RFC 9110 token of
   *     at most {@link NameRules#MAX_NAME_LENGTH} characters
   */
  static String normalize(String headerName) {
    Objects.requireNonNull(headerName, "headerName");
    String name = headerName.strip().toLowerCase(Locale.ROOT);
    String problem = NameRules.headerNameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException("header name '" + headerName + "' " + problem);
    }
    return name;
  }
}
