package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OTLP to an {@code http://} endpoint never loads the JVM's trust store, with aotel's own span
 * exporter (the default) and with the SDK's ({@code aotel.otlp.exporter=sdk}), to which aotel's
 * component loader hands its TLS-free JDK sender. The control run picks the SDK's exporter and the
 * JDK sender by the SDK's selection property, which aotel leaves alone, and must load it, so the
 * check can see it.
 */
class PlainHttpSenderTest {
  /** Loaded when the default TLS context initialises its trust managers (the CA certificates). */
  private static final String TRUST_STORE = "sun.security.ssl.TrustStoreManager";

  private static String run(String... jvmOptions) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(jvmOptions));
    command.add(OtlpOverPlainHttp.class.getName());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("status 200").containsPattern("exports [1-9]");
    return output;
  }

  @Test
  void spansGoOutOverHttpWithoutTheTrustStore() throws Exception {
    String ownConnection = "dev.aotel.sdk.internal.otlp.HttpConnection ";
    assertThat(run()).doesNotContain(TRUST_STORE).contains(ownConnection);
    assertThat(run("-Daotel.otlp.exporter=sdk")).doesNotContain(TRUST_STORE)
        .doesNotContain(ownConnection);
    assertThat(run("-Daotel.otlp.exporter=sdk", "-Dio.opentelemetry.sdk.common.export.HttpSenderProvider="
        + "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider"))
        .contains(TRUST_STORE);
  }
}
