package dev.aotel.internal;

/**
 * The syntax of attribute names and HTTP header names, in one place: the semconv generator checks
 * its list files with it, the processor checks {@code @SpanAttribute} names at compile time, and
 * the runtime checks configured names. Each check returns what is wrong, or null, so that every
 * caller words the error for its own context (a build failure, a compile error on the element, an
 * exception naming the setting).
 *
 * <p>Internal: not API, may change without notice.
 */
public final class NameRules {
  /** The longest attribute or header name aotel accepts, in characters. */
  public static final int MAX_NAME_LENGTH = 256;

  /** RFC 9110 {@code tchar} punctuation. */
  private static final String TOKEN_PUNCTUATION = "!#$%&'*+-.^_`|~";

  private NameRules() {}

  /**
   * What is wrong with an attribute name, or null when it is valid: 1 to {@value
   * #MAX_NAME_LENGTH} printable ASCII characters, no spaces.
   */
  public static String attributeNameProblem(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return "must be 1 to " + MAX_NAME_LENGTH + " characters long";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return "has a space, control or non-ASCII character at index " + i;
      }
    }
    return null;
  }

  /**
   * What is wrong with a lowercase header name, or null when it is valid: 1 to {@value
   * #MAX_NAME_LENGTH} characters, each a lowercase RFC 9110 token character.
   */
  public static String headerNameProblem(String lowercaseName) {
    if (lowercaseName == null || lowercaseName.isEmpty()
        || lowercaseName.length() > MAX_NAME_LENGTH) {
      return "must be 1 to " + MAX_NAME_LENGTH + " characters long";
    }
    for (int i = 0; i < lowercaseName.length(); i++) {
      char c = lowercaseName.charAt(i);
      boolean token = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || TOKEN_PUNCTUATION.indexOf(c) >= 0;
      if (!token) {
        return "has the character '" + c + "' at index " + i
            + ", which a header name cannot have (RFC 9110 token, lowercase)";
      }
    }
    return null;
  }
}
