package dev.aotel.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aotel.runtime.InstrumentKind;
import dev.aotel.runtime.Telemetry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AotelSdkTest {
  static AotelSdk.Builder quiet() {
    return AotelSdk.builder()
        .registerGlobal(false)
        .property("otel.traces.exporter", "none")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none");
  }

  @AfterEach
  void resetGlobal() {
    GlobalOpenTelemetry.resetForTest();
  }

  @Test
  void startAttachesEveryInstrumentAndCloseDetachesThemOnce() {
    AotelSdk aotel = quiet().start();
    for (InstrumentKind kind : new InstrumentKind[] {InstrumentKind.HTTP_SERVER,
        InstrumentKind.HTTP_CLIENT, InstrumentKind.CUSTOM}) {
      assertThat(Telemetry.isEnabledFor(kind)).as(kind.name()).isTrue();
    }
    aotel.close();
    aotel.close();
    assertThat(Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)).isFalse();
    assertThat(Telemetry.isEnabledFor(InstrumentKind.CUSTOM)).isFalse();
  }

  @Test
  void aSecondStartWhileOneRunsFailsNamingTheFirstAndAttachesNothing() {
    List<Long> before = enabledKinds();
    try (AotelSdk first = quiet().start()) {
      List<Long> whileRunning = enabledKinds();
      // Different settings and customizers, and registerGlobal(false): still refused.
      assertThatThrownBy(() -> quiet().serviceName("other")
          .customize(b -> b.addPropertiesSupplier(java.util.Map::of)).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("AotelSdk is already running, started at")
          .hasMessageContaining(AotelSdkTest.class.getName())
          .hasMessageContaining("close()");
      assertThat(enabledKinds()).isEqualTo(whileRunning);
      first.close();
      first.close(); // idempotent
      try (AotelSdk second = quiet().start()) { // after close: afresh
        assertThat(second).isNotSameAs(first);
        assertThat(Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)).isTrue();
      }
    }
    assertThat(enabledKinds()).isEqualTo(before);
  }

  @Test
  void oneRunningInstanceMeansOneSpanPerCall() throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (AotelSdk aotel = InMemory.builder(exporter).start()) {
      assertThatThrownBy(() -> InMemory.builder(exporter).start())
          .isInstanceOf(IllegalStateException.class);
      new TracedServices_Pricing(new Services.Pricing()).quote("x");
      assertThat(exporter.getFinishedSpanItems()).hasSize(1); // closing clears the exporter
    }
  }

  /** Which kinds have something attached (1) or not (0): what a start changes. */
  private static List<Long> enabledKinds() {
    List<Long> enabled = new java.util.ArrayList<>();
    for (InstrumentKind kind : InstrumentKind.values()) {
      enabled.add(Telemetry.isEnabledFor(kind) ? 1L : 0L);
    }
    return enabled;
  }

  @Test
  void registersAsGlobalByDefault() {
    // With no span processor at all, SDK 1.67 hands out non-recording spans: use memory.
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (AotelSdk aotel = AotelSdk.builder()
        .property("otel.traces.exporter", "none")
        .property("otel.metrics.exporter", "none")
        .property("otel.logs.exporter", "none")
        .customize(b -> b.addTracerProviderCustomizer((tracerProvider, config) ->
            tracerProvider.addSpanProcessor(SimpleSpanProcessor.create(exporter))))
        .start()) {
      assertThat(GlobalOpenTelemetry.get().getTracer("x").spanBuilder("s").startSpan()
          .getSpanContext().isValid()).isTrue();
      assertThat(aotel.openTelemetry()).isNotNull();
    }
  }

  @Test
  void anAlreadyRegisteredGlobalIsAWarningNotAFailure() {
    GlobalOpenTelemetry.set(OpenTelemetry.noop());
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (AotelSdk aotel = InMemory.builder(InMemorySpanExporter.create())
        .registerGlobal(true).start()) {
      assertThat(Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)).isTrue();
      // aotel's own instance still records, though the global one is a no-op.
      assertThat(aotel.openTelemetry().getTracer("x").spanBuilder("s").startSpan()
          .getSpanContext().isValid()).isTrue();
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("a global OpenTelemetry is already registered");
  }

  @Test
  void anInvalidCaptureSettingFailsNamingItAndLeavesNothingAttached() {
    assertThatThrownBy(() -> quiet()
        .property("otel.instrumentation.http.server.capture-request-headers", "x-ok,bad header")
        .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("otel.instrumentation.http")
        .hasMessageContaining("'bad header'");
    assertThat(Telemetry.isEnabledFor(InstrumentKind.HTTP_SERVER)).isFalse();
  }

  @Test
  void builderArgumentsAreChecked() {
    assertThatThrownBy(() -> AotelSdk.builder().serviceName(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("serviceName is blank");
    assertThatThrownBy(() -> AotelSdk.builder().property("otel.x", null))
        .isInstanceOf(NullPointerException.class).hasMessage("value");
    assertThatThrownBy(() -> AotelSdk.builder().customize(null))
        .isInstanceOf(NullPointerException.class).hasMessage("customizer");
  }

  @Test
  void theResourceDescribesServiceHostProcessOsAndRuntime() {
    try (AotelSdk aotel = quiet().serviceName("orders").start()) {
      Resource resource = aotel.resource();
      assertThat(resource.getAttribute(ServiceNames.SERVICE_NAME)).isEqualTo("orders");
      for (String key : new String[] {"host.name", "os.type", "process.runtime.name",
          "process.executable.path"}) {
        assertThat(resource.getAttribute(AttributeKey.stringKey(key))).as(key).isNotBlank();
      }
      assertThat(resource.getAttribute(AttributeKey.longKey("process.pid")))
          .isEqualTo(ProcessHandle.current().pid());
    }
  }

  @Test
  void theSdksSchemaUrlNoticesAreQuietDuringStartAndTheLoggerIsLeftAsItWas() {
    Logger logger = Logger.getLogger("io.opentelemetry.sdk.resources.Resource");
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (logger.isLoggable(record.getLevel())) {
          records.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      try (AotelSdk aotel = quiet().start()) {
        assertThat(aotel.resource().getAttribute(AttributeKey.stringKey("host.name")))
            .isNotBlank();
      }
      assertThat(records).extracting(LogRecord::getMessage).isEmpty();
      assertThat(logger.getLevel()).isNull();
      // Merging resources of two schema URLs outside start() still logs, as the SDK does.
      Resource.create(Attributes.empty(), "https://opentelemetry.io/schemas/1.0.0")
          .merge(Resource.create(Attributes.empty(), "https://opentelemetry.io/schemas/2.0.0"));
      assertThat(records).hasSize(1);
      // A level someone set is theirs: start() leaves it, and the notices come through.
      records.clear();
      logger.setLevel(Level.INFO);
      quiet().start().close();
      assertThat(logger.getLevel()).isEqualTo(Level.INFO);
      assertThat(records).isNotEmpty();
    } finally {
      logger.setLevel(null);
      logger.removeHandler(handler);
    }
  }

  @Test
  void withoutConfigurationTheServiceIsNeverUnknown() {
    try (AotelSdk aotel = quiet().start()) {
      assertThat(aotel.resource().getAttribute(ServiceNames.SERVICE_NAME))
          .isNotBlank().isNotEqualTo("unknown_service:java");
    }
  }

  @Test
  void mainClassNames() {
    assertThat(ServiceNames.mainClassName("com.example.Shop --port 8080")).isEqualTo("Shop");
    assertThat(ServiceNames.mainClassName("Shop")).isEqualTo("Shop");
    assertThat(ServiceNames.mainClassName("app/com.example.Shop")).isEqualTo("Shop");
    assertThat(ServiceNames.mainClassName("/opt/shop/shop-api.jar x")).isEqualTo("shop-api");
    assertThat(ServiceNames.mainClassName("")).isNull();
    assertThat(ServiceNames.mainClassName(null)).isNull();
  }

  @Test
  void theFallbackOnlyReplacesUnknownNames() {
    Resource unknown = Resource.create(Attributes.of(ServiceNames.SERVICE_NAME,
        "unknown_service:java"));
    assertThat(ServiceNames.withFallback(unknown, "unknown_service:java",
        "com.example.Shop --port 8080").getAttribute(ServiceNames.SERVICE_NAME))
        .isEqualTo("Shop");
    assertThat(ServiceNames.withFallback(unknown, "unknown_service:java", "")).isSameAs(unknown);
    Resource named = Resource.create(Attributes.of(ServiceNames.SERVICE_NAME, "billing"));
    assertThat(ServiceNames.withFallback(named, "unknown_service:java")).isSameAs(named);
  }
}
