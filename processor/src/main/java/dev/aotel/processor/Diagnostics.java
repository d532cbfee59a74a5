package dev.aotel.processor;

/**
 * Every message the processor reports, in one voice: what is wrong with which element, then how
 * to fix it. Reported on the offending element so the caret lands on it.
 */
final class Diagnostics {
  private Diagnostics() {}

  static String notAClass(String what, String name) {
    return "@Traced cannot wrap " + what + " " + name + ": put @Traced on a class"
        + ("interface".equals(what) ? " that implements it" : " instead");
  }

  static String methodOfNonClass(String what, String name, String method) {
    return "@Traced cannot wrap method " + method + " of " + what + " " + name
        + ": put @Traced on the method of a class instead";
  }

  static String privateMethod(String method) {
    return "@Traced cannot wrap private method " + method
        + ": make it public, protected or package-private";
  }

  static String staticMethod(String method) {
    return "@Traced cannot wrap static method " + method
        + ": a wrapper can only intercept instance methods; make it an instance method";
  }

  static String finalMethod(String method) {
    return "@Traced cannot wrap final method " + method + ": remove 'final'";
  }

  static String finalClass(String name) {
    return "@Traced cannot wrap final class " + name
        + ": remove 'final' or implement an interface that declares the traced methods";
  }

  static String noConstructor(String name) {
    return "@Traced cannot subclass " + name + ": it has no accessible no-argument constructor;"
        + " add one (it may be protected) or implement an interface that declares the traced"
        + " methods";
  }

  static String privateNested(String name) {
    return "@Traced cannot wrap private nested class " + name
        + ": make it package-private or public";
  }

  static String innerClass(String name) {
    return "@Traced cannot wrap inner class " + name + ": make it static";
  }

  static String notAHandler(String name) {
    return "@Traced(kind = HTTP_SERVER) cannot wrap " + name + ": it does not implement"
        + " com.sun.net.httpserver.HttpHandler; implement it or remove 'kind'";
  }

  static String attributeOnUntracedMethod(String method) {
    return "@SpanAttribute has no effect on a parameter of " + method + ": the method is not"
        + " traced; annotate it (or its class) with @Traced";
  }

  static String duplicateAttribute(String attribute, String method) {
    return "@SpanAttribute name '" + attribute + "' is used twice in " + method
        + ": give each parameter a distinct name";
  }

  /** {@code problem} is a fragment of {@code NameRules}, such as "must be 1 to 256 ...". */
  static String badAttributeName(String attribute, String problem) {
    return "@SpanAttribute name '" + attribute + "' is not a valid attribute name: it " + problem
        + "; use 1 to 256 printable ASCII characters without spaces, such as 'order.id'";
  }

  /**
   * A well-known key recorded with another type would break every backend that reads it.
   *
   * @param keyType the semantic convention's type, such as {@code STRING} or {@code STRING_ARRAY}
   * @param recorded what the parameter records: {@code LONG}, {@code DOUBLE}, {@code BOOLEAN} or
   *     {@code STRING}
   */
  static String semconvTypeMismatch(String attribute, String keyType, String parameter,
      String recorded) {
    String javaType = switch (keyType) {
      case "STRING" -> "String";
      case "LONG" -> "long";
      case "DOUBLE" -> "double";
      case "BOOLEAN" -> "boolean";
      default -> null; // arrays: a parameter never records one
    };
    return "@SpanAttribute name '" + attribute + "' is a semantic-convention key of type "
        + keyType + ", but parameter " + parameter + " records a " + recorded
        + ": rename the attribute" + (javaType == null ? "" : " or pass a " + javaType);
  }

  static String finalMethodInSubclass(String name, String method) {
    return "@Traced cannot subclass " + name + ": public method " + method + " is final, so the"
        + " wrapper could not forward it; remove 'final' or implement an interface that declares"
        + " the traced methods";
  }

  /** Reported in the last round, when no processor generated {@code missing} after all. */
  static String unresolvedType(String name, String missing) {
    return "@Traced cannot wrap " + name + ": it refers to " + missing + ", which could not be"
        + " resolved; fix the reference, or make sure the processor that generates it runs";
  }

  static String cannotWrite(String wrapper, String name, String problem) {
    return "@Traced cannot write " + wrapper + " for " + name + ": " + problem
        + "; if another class has the same wrapper name, rename one of them";
  }

  /** A bug in the processor, not in the user's code: said so, with the exception. */
  static String unexpectedFailure(String name, Throwable failure) {
    return "@Traced failed on " + name + ": " + failure + "; please report it";
  }
}
