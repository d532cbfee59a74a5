package dev.aotel.semconv;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.semconv.AttributeKeyTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The semantic conventions as the pinned jars define them, read by reflection over their {@code
 * public static final} {@link AttributeKey} and {@link AttributeKeyTemplate} fields.
 *
 * <p>The stable jar is read first; the incubating jar only adds what the stable one lacks. The
 * incubating jar re-declares every stable key as {@code @Deprecated} (pointing at the stable
 * class), so a deprecation there only counts for keys the stable jar does not define.
 */
final class SemconvCatalog {
  /** One semantic-convention key. */
  record Key(String name, AttributeType type, boolean stable, boolean deprecated) {}

  private static final String STABLE_ANCHOR = "io.opentelemetry.semconv.HttpAttributes";
  private static final String INCUBATING_ANCHOR =
      "io.opentelemetry.semconv.incubating.HttpIncubatingAttributes";

  private final Map<String, Key> keys;
  private final Map<String, Key> templates;
  private final String version;

  private SemconvCatalog(Map<String, Key> keys, Map<String, Key> templates, String version) {
    this.keys = Collections.unmodifiableMap(keys);
    this.templates = Collections.unmodifiableMap(templates);
    this.version = version;
  }

  /** Loads the catalogue from the semconv jars on this class's class loader. */
  static SemconvCatalog load() {
    ClassLoader loader = SemconvCatalog.class.getClassLoader();
    Map<String, Key> keys = new TreeMap<>();
    Map<String, Key> templates = new TreeMap<>();
    Class<?> stableAnchor = load(loader, STABLE_ANCHOR);
    Path stableJar = jarOf(stableAnchor);
    scan(loader, stableJar, "io/opentelemetry/semconv/", true, keys, templates);
    scan(loader, jarOf(load(loader, INCUBATING_ANCHOR)), "io/opentelemetry/semconv/incubating/",
        false, keys, templates);
    return new SemconvCatalog(keys, templates, versionOf(stableJar));
  }

  /** The version of the stable semconv artifact, as its Maven metadata says. */
  String version() {
    return version;
  }

  /** The key with this name, or null. */
  Key key(String name) {
    return keys.get(name);
  }

  /** The template with this prefix (e.g. {@code http.request.header}), or null. */
  Key template(String prefix) {
    return templates.get(prefix);
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new GeneratorException(
          name + " is not on the generator's classpath: add opentelemetry-semconv and"
              + " opentelemetry-semconv-incubating as dependencies of the generator", e);
    }
  }

  private static Path jarOf(Class<?> anchor) {
    try {
      return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new GeneratorException("cannot locate the jar of " + anchor.getName(), e);
    }
  }

  private static String versionOf(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry(
          "META-INF/maven/io.opentelemetry.semconv/opentelemetry-semconv/pom.properties");
      if (entry != null) {
        try (InputStream in = file.getInputStream(entry)) {
          Properties properties = new Properties();
          properties.load(in);
          String version = properties.getProperty("version");
          if (version != null) {
            return version;
          }
        }
      }
      String implementation = file.getManifest() == null
          ? null
          : file.getManifest().getMainAttributes().getValue("Implementation-Version");
      if (implementation != null) {
        return implementation;
      }
    } catch (IOException e) {
      throw new GeneratorException("cannot read " + jar + ": " + e.getMessage(), e);
    }
    throw new GeneratorException("cannot tell the semconv version of " + jar);
  }

  private static void scan(ClassLoader loader, Path jar, String packagePath, boolean stable,
      Map<String, Key> keys, Map<String, Key> templates) {
    List<String> classNames = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      file.stream()
          .map(JarEntry::getName)
          .filter(n -> n.startsWith(packagePath) && n.endsWith(".class"))
          .filter(n -> n.indexOf('/', packagePath.length()) < 0) // this package only
          .sorted()
          .forEach(n -> classNames.add(n.substring(0, n.length() - 6).replace('/', '.')));
    } catch (IOException e) {
      throw new GeneratorException("cannot read " + jar + ": " + e.getMessage(), e);
    }
    for (String className : classNames) {
      Class<?> type = load(loader, className);
      for (Field field : type.getFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)) {
          continue;
        }
        boolean deprecated = field.isAnnotationPresent(Deprecated.class);
        Object value = read(field);
        if (value instanceof AttributeKey<?> key) {
          keys.putIfAbsent(key.getKey(), new Key(key.getKey(), key.getType(), stable, deprecated));
        } else if (value instanceof AttributeKeyTemplate<?> template) {
          // A template only tells its type through a key it makes.
          AttributeKey<?> probe = template.getAttributeKey("x");
          String prefix = probe.getKey().substring(0, probe.getKey().length() - 2);
          templates.putIfAbsent(prefix, new Key(prefix, probe.getType(), stable, deprecated));
        }
      }
    }
  }

  private static Object read(Field field) {
    try {
      return field.get(null);
    } catch (IllegalAccessException e) {
      throw new GeneratorException("cannot read " + field, e);
    }
  }
}
