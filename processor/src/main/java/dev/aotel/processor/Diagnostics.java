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

  static String localClass(String name) {
    return "@Traced cannot wrap local or anonymous class " + name
        + ": make it a top-level or static nested class";
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

  static String badAttributeName(String attribute) {
    return "@SpanAttribute name '" + attribute + "' is not a valid attribute name: use 1 to 256"
        + " printable ASCII characters without spaces, such as 'order.id'";
  }

  static String finalMethodSkipped(String method) {
    return "@Traced on the class does not trace final method " + method
        + ": a subclass cannot override it; remove 'final' to trace it";
  }
}
