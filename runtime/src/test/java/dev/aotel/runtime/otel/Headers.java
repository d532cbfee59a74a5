package dev.aotel.runtime.otel;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * HTTP header fields as a request carries them: in order, names in any case, a name possibly
 * repeated. {@link #GETTER} gives repeated fields one by one ({@code getAll}) and joined by commas
 * ({@code get}); {@link #JOINING_GETTER} only joins, as a getter without {@code getAll} does.
 */
final class Headers {
  private final List<Map.Entry<String, String>> fields = new ArrayList<>();

  static Headers of(String... namesAndValues) {
    Headers headers = new Headers();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  Headers add(String name, String value) {
    fields.add(new AbstractMap.SimpleImmutableEntry<>(name, value)); // a value may be null
    return this;
  }

  /** The values of every field with this name, any case, in order. */
  List<String> all(String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> field : fields) {
      if (field.getKey().equalsIgnoreCase(name)) {
        values.add(field.getValue());
      }
    }
    return values;
  }

  /** The one value of this field; {@code null} when absent. */
  String get(String name) {
    List<String> values = all(name);
    if (values.size() > 1) {
      throw new AssertionError("several " + name + " fields: " + values);
    }
    return values.isEmpty() ? null : values.get(0);
  }

  List<Map.Entry<String, String>> fields() {
    return fields;
  }

  @Override
  public String toString() {
    return fields.toString();
  }

  static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Headers carrier) {
      LinkedHashSet<String> names = new LinkedHashSet<>();
      carrier.fields.forEach(field -> names.add(field.getKey()));
      return names;
    }

    @Override
    public String get(Headers carrier, String key) {
      List<String> values = carrier == null ? List.of() : carrier.all(key);
      return values.isEmpty() ? null : String.join(",", values);
    }

    @Override
    public Iterator<String> getAll(Headers carrier, String key) {
      return carrier == null ? List.<String>of().iterator() : carrier.all(key).iterator();
    }
  };

  static final TextMapGetter<Headers> JOINING_GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Headers carrier) {
      return GETTER.keys(carrier);
    }

    @Override
    public String get(Headers carrier, String key) {
      return GETTER.get(carrier, key);
    }
  };

  /** Sets a field, replacing any of the same name. */
  static final TextMapSetter<Headers> SETTER = (carrier, key, value) -> {
    carrier.fields.removeIf(field -> field.getKey().equalsIgnoreCase(key));
    carrier.add(key, value);
  };
}
