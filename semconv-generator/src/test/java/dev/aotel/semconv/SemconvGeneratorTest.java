package dev.aotel.semconv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SemconvGeneratorTest {
  /** The project's real list files; surefire runs in the module directory. */
  static final Path ATTRIBUTES = Path.of("../runtime/src/main/semconv/attributes.txt");
  static final Path HEADERS = Path.of("../runtime/src/main/semconv/http-header-names.txt");

  static SemconvCatalog catalog;
  static SemconvGenerator.Model model;

  @TempDir Path temp;

  @BeforeAll
  static void loadModel() {
    catalog = SemconvCatalog.load();
    model = SemconvGenerator.model(catalog, ATTRIBUTES, HEADERS);
  }

  @Test
  void readsTheSemconvVersionFromThePinnedJar() {
    assertThat(catalog.version()).isEqualTo("1.45.0");
  }

  @Test
  void wellKnownKeysHaveTheirSemconvTypes() {
    var byName = model.keys().stream()
        .collect(Collectors.toMap(SemconvCatalog.Key::name, Function.identity()));
    assertThat(byName.get("http.response.status_code").type()).isEqualTo(AttributeType.LONG);
    assertThat(byName.get("url.path").type()).isEqualTo(AttributeType.STRING);
    assertThat(byName.get("server.port").type()).isEqualTo(AttributeType.LONG);
    assertThat(byName).containsKeys("http.request.method", "http.request.method_original",
        "http.route", "url.full", "url.query", "url.scheme", "server.address", "client.address",
        "client.port", "network.protocol.name", "network.protocol.version",
        "network.peer.address", "network.peer.port", "user_agent.original", "error.type",
        "exception.type", "exception.message", "exception.stacktrace", "code.function.name",
        "db.system.name", "db.namespace", "db.operation.name", "db.query.text",
        "db.collection.name", "aws.s3.bucket", "aws.s3.key");
    assertThat(model.requestHeaderTemplate().type()).isEqualTo(AttributeType.STRING_ARRAY);
    assertThat(model.responseHeaderTemplate().type()).isEqualTo(AttributeType.STRING_ARRAY);
  }

  @Test
  void stableKeysAreNotDeprecatedBecauseTheIncubatingJarRedeclaresThem() {
    SemconvCatalog.Key method = catalog.key("http.request.method");
    assertThat(method.stable()).isTrue();
    assertThat(method.deprecated()).isFalse();
    SemconvCatalog.Key bucket = catalog.key("aws.s3.bucket");
    assertThat(bucket.stable()).isFalse();
    assertThat(bucket.deprecated()).isFalse();
  }

  @Test
  void headersAreTheNinetySixListedNamesInAsciiOrder() {
    assertThat(model.headers()).hasSize(96).isSorted()
        .contains("traceparent", "tracestate", "baggage", "x-request-id", "report-to")
        .doesNotContain("cookie2", "x-temp-tablet");
    assertThat(model.headers().get(0)).isEqualTo("accept");
  }

  @Test
  void anUnknownKeyFailsNamingItAndTheVersion() throws IOException {
    Path attributes = write("attributes.txt", "http.request.method\nhttp.reqest.methd\n");
    assertThatThrownBy(() -> SemconvGenerator.model(catalog, attributes, HEADERS))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("'http.reqest.methd'")
        .hasMessageContaining("1.45.0");
  }

  @Test
  void aReallyDeprecatedKeyFails() throws IOException {
    Path attributes = write("attributes.txt", "http.method\n");
    assertThatThrownBy(() -> SemconvGenerator.model(catalog, attributes, HEADERS))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("'http.method' is deprecated");
  }

  @Test
  void anUnconfirmedHeaderFailsNamingIt() throws IOException {
    Path headers = write("headers.txt", "accept\nx-made-up-header\n");
    assertThatThrownBy(() -> SemconvGenerator.model(catalog, ATTRIBUTES, headers))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("'x-made-up-header'");
  }

  @Test
  void anUppercaseHeaderFails() throws IOException {
    Path headers = write("headers.txt", "Accept\n");
    assertThatThrownBy(() -> SemconvGenerator.model(catalog, ATTRIBUTES, headers))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("'Accept'")
        .hasMessageContaining("lowercase");
  }

  @Test
  void aDuplicateLineFailsWithItsLineNumber() throws IOException {
    Path headers = write("headers.txt", "# comment\naccept\naccept # again\n");
    assertThatThrownBy(() -> SemconvGenerator.model(catalog, ATTRIBUTES, headers))
        .hasMessageContaining(":3:")
        .hasMessageContaining("'accept' is listed twice");
  }

  @Test
  void twoRunsWriteByteIdenticalFiles() throws IOException {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    List<Path> a = SemconvGenerator.generate(ATTRIBUTES, HEADERS, first);
    List<Path> b = SemconvGenerator.generate(ATTRIBUTES, HEADERS, second);
    assertThat(a).hasSize(2);
    for (int i = 0; i < a.size(); i++) {
      assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
    }
  }

  @Test
  void generatedFilesStartWithDoNotEditNamingGeneratorAndVersion() throws IOException {
    for (Path file : SemconvGenerator.generate(ATTRIBUTES, HEADERS, temp)) {
      String first = Files.readAllLines(file).get(0);
      assertThat(first).startsWith("// DO NOT EDIT: generated by "
          + SemconvGenerator.class.getName() + " from opentelemetry-semconv 1.45.0");
    }
  }

  @Test
  void mainRejectsMissingArgumentsWithoutExiting() {
    assertThatThrownBy(() -> SemconvGenerator.main(new String[] {"--attributes", "x"}))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("missing argument --headers");
  }

  @Test
  void constantNamesAreUpperSnakeCase() {
    assertThat(SemconvGenerator.constantName("http.response.status_code"))
        .isEqualTo("HTTP_RESPONSE_STATUS_CODE");
    assertThat(SemconvGenerator.constantName("http.request.header.content-type"))
        .isEqualTo("HTTP_REQUEST_HEADER_CONTENT_TYPE");
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(temp.resolve(name), content, StandardCharsets.UTF_8);
  }
}
