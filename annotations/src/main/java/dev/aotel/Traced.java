package dev.aotel;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Makes a class observable without an agent: at compile time aotel's processor writes {@code
 * Traced<SimpleName>} next to it (nested classes: {@code Traced<Outer>_<Inner>}), a wrapper
 * whose constructor takes an instance of this class and reports each call to the aotel runtime.
 *
 * <ul>
 *   <li>On a class that implements {@code com.sun.net.httpserver.HttpHandler}: every exchange
 *       becomes an HTTP server operation (a SERVER span named {@code {method} {route}}).
 *   <li>On any other class: every public method becomes a custom operation (an INTERNAL span).
 *   <li>On a method: that method becomes a custom operation.
 * </ul>
 *
 * <p>Compile-only: the annotation is not needed at run time.
 */
@Documented
@Retention(CLASS)
@Target({TYPE, METHOD})
public @interface Traced {
  /**
   * For methods, the operation (span) name; default {@code SimpleClass.method}. For HTTP
   * handlers, the route template such as {@code /orders/{id}}; default the path of the handler's
   * {@code HttpContext}. The span name then follows the HTTP conventions: {@code {method}
   * {route}}.
   */
  String value() default "";

  /** What kind of operation the wrapper reports; by default inferred from the class. */
  Kind kind() default Kind.INFER;

  /** Kinds of operations a wrapper can report. */
  enum Kind {
    /** An HTTP handler when the class implements {@code HttpHandler}; otherwise custom. */
    INFER,
    /** Custom operations for the traced methods, even on an HTTP handler. */
    CUSTOM,
    /** HTTP server operations; the class must implement {@code HttpHandler}. */
    HTTP_SERVER
  }
}
