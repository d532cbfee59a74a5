package dev.aotel.semconv;

import com.google.common.net.HttpHeaders;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authoritative header names on the generator's classpath: Guava's {@link HttpHeaders}
 * constants and the fields of OpenTelemetry's W3C propagators. A fast header must be known to one
 * of them, so that a typo in the list file fails the build instead of shipping.
 */
final class HeaderAuthority {
  private final Map<String, String> sourceByName = new TreeMap<>();

  HeaderAuthority() {
    for (Field field : HttpHeaders.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          sourceByName.putIfAbsent(lower((String) field.get(null)),
              "com.google.common.net.HttpHeaders." + field.getName());
        } catch (IllegalAccessException e) {
          throw new GeneratorException("cannot read " + field, e);
        }
      }
    }
    for (String name : W3CTraceContextPropagator.getInstance().fields()) {
      sourceByName.putIfAbsent(lower(name), "W3CTraceContextPropagator.fields()");
    }
    for (String name : W3CBaggagePropagator.getInstance().fields()) {
      sourceByName.putIfAbsent(lower(name), "W3CBaggagePropagator.fields()");
    }
  }

  /** Where this lowercase name is confirmed, or null when no authority knows it. */
  String confirm(String name) {
    return sourceByName.get(name);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
