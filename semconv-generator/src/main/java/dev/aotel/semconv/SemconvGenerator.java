package dev.aotel.semconv;

import dev.aotel.internal.NameRules;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Build-time program: reads the pinned semantic conventions and the project's two list files,
 * and writes {@code dev.aotel.runtime.AttributeKey} and {@code dev.aotel.runtime.HttpHeader}.
 *
 * <p>Usage: {@code SemconvGenerator --attributes <file> --headers <file> --output <dir>}. It runs
 * inside Maven's JVM (exec-maven-plugin's {@code java} goal), so it reports problems by throwing
 * {@link GeneratorException}, never by {@code System.exit}.
 */
public final class SemconvGenerator {
  static final String PACKAGE = "dev.aotel.runtime";
  private static final String REQUEST_HEADER = "http.request.header";
  private static final String RESPONSE_HEADER = "http.response.header";

  private SemconvGenerator() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = Options.parse(args, "--attributes", "--headers", "--output");
    List<Path> written = generate(Path.of(options.get("--attributes")),
        Path.of(options.get("--headers")), Path.of(options.get("--output")));
    for (Path path : written) {
      System.out.println("aotel semconv generator: wrote " + path);
    }
  }

  /** Reads the inputs, checks them, and writes both enums under {@code outputDir}. */
  public static List<Path> generate(Path attributesFile, Path headersFile, Path outputDir)
      throws IOException {
    Model model = model(SemconvCatalog.load(), attributesFile, headersFile);
    List<Path> written = new ArrayList<>();
    written.add(EnumWriter.writeAttributeKey(model, outputDir));
    written.add(EnumWriter.writeHttpHeader(model, outputDir));
    return written;
  }

  /** Everything the writer needs; plain data. */
  record Model(String semconvVersion, List<SemconvCatalog.Key> keys, List<String> headers,
      SemconvCatalog.Key requestHeaderTemplate, SemconvCatalog.Key responseHeaderTemplate) {}

  static Model model(SemconvCatalog catalog, Path attributesFile, Path headersFile) {
    List<SemconvCatalog.Key> keys = new ArrayList<>();
    for (String name : ListFile.read(attributesFile)) {
      SemconvCatalog.Key key = catalog.key(name);
      if (key == null) {
        throw new GeneratorException(attributesFile + ": key '" + name + "' is not defined by"
            + " the semantic conventions " + catalog.version() + " (stable or incubating):"
            + " fix its spelling or remove it");
      }
      if (key.deprecated()) {
        throw new GeneratorException(attributesFile + ": key '" + name + "' is deprecated in"
            + " the semantic conventions " + catalog.version()
            + ": use the key that replaces it");
      }
      keys.add(key);
    }
    HeaderAuthority authority = new HeaderAuthority();
    List<String> headers = new ArrayList<>();
    for (String name : ListFile.read(headersFile)) {
      checkHeaderName(headersFile, name);
      if (authority.confirm(name) == null) {
        throw new GeneratorException(headersFile + ": header '" + name + "' is not confirmed by"
            + " Guava's HttpHeaders nor by OpenTelemetry's W3C propagators: fix its spelling or"
            + " remove it");
      }
      headers.add(name);
    }
    headers.sort(null); // String order is UTF-16 order, which is ASCII order for these names
    return new Model(catalog.version(), List.copyOf(keys), List.copyOf(headers),
        template(catalog, REQUEST_HEADER), template(catalog, RESPONSE_HEADER));
  }

  private static SemconvCatalog.Key template(SemconvCatalog catalog, String prefix) {
    SemconvCatalog.Key template = catalog.template(prefix);
    if (template == null) {
      throw new GeneratorException("the semantic conventions " + catalog.version()
          + " define no template '" + prefix + "'; the header keys cannot be generated");
    }
    return template;
  }

  private static void checkHeaderName(Path file, String name) {
    String problem = NameRules.headerNameProblem(name);
    if (problem != null) {
      throw new GeneratorException(file + ": header '" + name + "' " + problem
          + ": write header names in lowercase token characters");
    }
  }

  /** {@code http.response.status_code} becomes {@code HTTP_RESPONSE_STATUS_CODE}. */
  static String constantName(String semconvName) {
    return semconvName.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  static String requestHeaderKey(Model model, String header) {
    return model.requestHeaderTemplate().name() + "." + header;
  }

  static String responseHeaderKey(Model model, String header) {
    return model.responseHeaderTemplate().name() + "." + header;
  }
}
