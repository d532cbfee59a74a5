package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** aotel brings no logging backend, and an application without one traces as before. */
class NoLoggingLibraryTest {
  @Test
  void anApplicationWithNoLoggingLibraryStartsAndTracesAsBefore() throws Exception {
    List<String> entries = Arrays.asList(
        System.getProperty("java.class.path").split(File.pathSeparator));
    String classpath = entries.stream()
        .filter(e -> !e.contains("logback") && !e.contains("log4j") && !e.contains("slf4j"))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(classpath.split(File.pathSeparator)).hasSizeLessThan(entries.size());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", classpath,
        WithoutLoggingLibraries.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("status 200", "spans 1")
        .doesNotContain("Exception", "Error", "SLF4J");
  }
}
