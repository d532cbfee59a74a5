package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.aotel.processor.TracedProcessor;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The README's code is compiled, so it cannot rot. */
class ReadmeTest {
  static final Path README = Path.of("../README.md");
  static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

  static List<String> blocks(String language) throws Exception {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(Files.readString(README));
    while (matcher.find()) {
      if (matcher.group(1).equals(language)) {
        blocks.add(matcher.group(2));
      }
    }
    return blocks;
  }

  @Test
  void theReadmeOpensWithTheTwoCommandsAndCiRunsTheSecond() throws Exception {
    List<String> commands = blocks("sh").get(0).lines().toList();
    assertThat(commands).containsExactly(
        "mvn -B -Pquickstart -pl examples -am package -DskipTests", "mvn -B verify");
    assertThat(Files.readString(Path.of("../.ci/run"))).contains("\nmvn -B verify\n");
  }

  @Test
  void theQuickstartCompilesWithTheProcessor() throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String block : blocks("java")) {
      Matcher type = Pattern.compile("public (?:final )?class (\\w+)").matcher(block);
      if (block.startsWith("package ") && type.find()) {
        String pkg = block.substring("package ".length(), block.indexOf(';'));
        sources.add(JavaFileObjects.forSourceString(pkg + "." + type.group(1), block));
      }
    }
    assertThat(sources).hasSize(2);
    Compilation compilation = Compiler.javac().withProcessors(new TracedProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(sources);
    assertThat(compilation.status()).as("%s", compilation.diagnostics())
        .isEqualTo(Compilation.Status.SUCCESS);
    assertThat(compilation.generatedSourceFile("com.example.TracedHelloHandler")).isPresent();
  }

  @Test
  void theReadmeHandlerIsTheExampleHandler() throws Exception {
    String example = Files.readString(Path.of("src/main/java/com/example/HelloHandler.java"));
    assertThat(blocks("java")).contains(example);
  }

  @Test
  void theMavenBlocksAreWellFormedAndNameThisVersion() throws Exception {
    String version = System.getProperty("aotel.version", "0.1.0-SNAPSHOT");
    StringBuilder all = new StringBuilder();
    for (String block : blocks("xml")) {
      Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new InputSource(new StringReader("<root>" + block + "</root>")));
      assertThat(document.getDocumentElement().getChildNodes().getLength()).isPositive();
      all.append(block);
    }
    assertThat(all.toString())
        .contains("<artifactId>aotel-sdk</artifactId>")
        .contains("<artifactId>aotel-annotations</artifactId>")
        .contains("<scope>provided</scope>")
        .contains("<annotationProcessorPaths>")
        .contains("<artifactId>aotel-processor</artifactId>")
        .contains("<artifactId>opentelemetry-bom</artifactId>")
        .contains("<version>" + System.getProperty("otel.version", "1.67.0") + "</version>")
        .contains("<version>" + version + "</version>");
  }
}
