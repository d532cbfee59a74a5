package dev.aotel.sdk.internal.early;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link EarlySettings} reads what autoconfigure's {@code DefaultConfigProperties} reads. */
class EarlySettingsTest {
  private static final Map<String, String> PROPERTIES = Map.of(
      "aotel.test.early.string", "from-property",
      "AOTEL.TEST.EARLY-LIST", " a, b ,,c ",
      "aotel.test.early.bool", "TRUE",
      "aotel.test.early.int", "42",
      "aotel.test.early.bad-int", "4x2",
      "aotel.test.early.double", "0.25",
      "aotel.test.early.empty", "",
      "aotel.test.early.duration", "250ms",
      "aotel.test.early.map", "k1=v1, k2 = v2");
  private static final Map<String, String> DEFAULTS = Map.of(
      "aotel.test.early.string", "from-default",
      "aotel.test.early.only-default", "default",
      "AOTEL_TEST_EARLY_UPPER", "upper");

  @AfterEach
  void clear() {
    PROPERTIES.keySet().forEach(System::clearProperty);
  }

  @Test
  void everyGetterAgreesWithTheSdksReading() {
    PROPERTIES.forEach(System::setProperty);
    ConfigProperties early = new EarlySettings(DEFAULTS, getClass().getClassLoader());
    ConfigProperties sdk = DefaultConfigProperties.create(DEFAULTS,
        ComponentLoader.forClassLoader(getClass().getClassLoader()));
    for (String name : List.of("aotel.test.early.string", "aotel.test.early.only-default",
        "aotel.test.early.only.default", "aotel.test.early.list", "aotel.test.early-list",
        "aotel.test.early.empty", "aotel.test.early.missing", "aotel_test_early_upper",
        "aotel.test.early.upper")) {
      assertThat(early.getString(name)).as(name).isEqualTo(sdk.getString(name));
      assertThat(early.getList(name)).as(name).isEqualTo(sdk.getList(name));
      assertThat(early.getBoolean(name)).as(name).isEqualTo(sdk.getBoolean(name));
    }
    assertThat(early.getString("aotel.test.early.string")).isEqualTo("from-property");
    assertThat(early.getList("aotel.test.early.list")).containsExactly("a", "b", "c");
    assertThat(early.getBoolean("aotel.test.early.bool")).isEqualTo(sdk.getBoolean(
        "aotel.test.early.bool")).isTrue();
    assertThat(early.getInt("aotel.test.early.int")).isEqualTo(sdk.getInt("aotel.test.early.int"))
        .isEqualTo(42);
    assertThat(early.getLong("aotel.test.early.int")).isEqualTo(42L);
    assertThat(early.getDouble("aotel.test.early.double")).isEqualTo(0.25);
    assertThat(early.getInt("aotel.test.early.missing")).isNull();
    assertThat(early.getDuration("aotel.test.early.duration")).isEqualTo(Duration.ofMillis(250));
    assertThat(early.getMap("aotel.test.early.map")).isEqualTo(sdk.getMap("aotel.test.early.map"))
        .containsEntry("k2", "v2");
    assertThatThrownBy(() -> sdk.getInt("aotel.test.early.bad-int"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> early.getInt("aotel.test.early.bad-int"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("4x2");
  }
}
