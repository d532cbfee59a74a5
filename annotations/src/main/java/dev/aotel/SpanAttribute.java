package dev.aotel;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Records the argument of a traced method's parameter as a span attribute. Strings, booleans and
 * numbers keep their type (integers as long, floating point as double); anything else is recorded
 * with {@code String.valueOf}. A null argument records nothing.
 */
@Documented
@Retention(CLASS)
@Target(PARAMETER)
public @interface SpanAttribute {
  /** The attribute name, such as {@code "order.sku"}; empty means the parameter's name. */
  String value() default "";
}
