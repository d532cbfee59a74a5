package dev.aotel.sdk.internal.early;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.common.impl.ConfigUtil;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The settings as autoconfigure's {@code DefaultConfigProperties} reads them (the given defaults,
 * then environment variables, then system properties, each name normalised as it normalises
 * them), read with plain loops: the SDK's class builds its map with streams and lambdas, about 10
 * ms of {@code start()} on two cores before the first of them is warm. Strings, booleans,
 * numbers and lists parse as there; durations and maps, which {@code start()} does not read, are
 * handed to a {@code DefaultConfigProperties} made when first asked.
 *
 * <p>Internal: not API, may change without notice.
 */
public final class EarlySettings implements ConfigProperties {
  private final Map<String, String> defaults;
  private final ClassLoader loader;
  private final Map<String, String> values = new HashMap<>();
  private DefaultConfigProperties full;

  /** The settings with these defaults under the environment and system properties. */
  public EarlySettings(Map<String, String> defaults, ClassLoader loader) {
    this.defaults = defaults;
    this.loader = loader;
    for (Map.Entry<String, String> entry : defaults.entrySet()) {
      values.put(ConfigUtil.normalizePropertyKey(entry.getKey()), entry.getValue());
    }
    for (Map.Entry<String, String> entry : System.getenv().entrySet()) {
      values.put(ConfigUtil.normalizeEnvironmentVariableKey(entry.getKey()), entry.getValue());
    }
    Properties properties = ConfigUtil.safeSystemProperties();
    for (Map.Entry<Object, Object> entry : properties.entrySet()) {
      values.put(ConfigUtil.normalizePropertyKey(entry.getKey().toString()),
          entry.getValue().toString());
    }
  }

  @Override
  public String getString(String name) {
    return values.get(ConfigUtil.normalizePropertyKey(name));
  }

  @Override
  public Boolean getBoolean(String name) {
    String value = getString(name);
    return value == null || value.isEmpty() ? null : Boolean.parseBoolean(value);
  }

  @Override
  public Integer getInt(String name) {
    String value = getString(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(name, value, "integer");
    }
  }

  @Override
  public Long getLong(String name) {
    String value = getString(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(name, value, "long");
    }
  }

  @Override
  public Double getDouble(String name) {
    String value = getString(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw invalid(name, value, "double");
    }
  }

  @Override
  public List<String> getList(String name) {
    String value = getString(name);
    List<String> items = new ArrayList<>();
    if (value != null) {
      for (String item : value.split(",")) {
        String trimmed = item.trim();
        if (!trimmed.isEmpty()) {
          items.add(trimmed);
        }
      }
    }
    return items;
  }

  @Override
  public Duration getDuration(String name) {
    return full().getDuration(name);
  }

  @Override
  public Map<String, String> getMap(String name) {
    return full().getMap(name);
  }

  private synchronized DefaultConfigProperties full() {
    if (full == null) {
      full = DefaultConfigProperties.create(defaults, ComponentLoader.forClassLoader(loader));
    }
    return full;
  }

  private static ConfigurationException invalid(String name, String value, String type) {
    return new ConfigurationException(
        "Invalid value for property " + name + "=" + value + ". Must be a " + type + ".");
  }
}
