package dev.aotel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"order.id", "a", "http.request.header.x-tenant", "UPPER_case-1"})
  void acceptsAttributeNames(String name) {
    assertThat(NameRules.attributeNameProblem(name)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "tab\tname", "caf\u00e9", "nul\u0000"})
  void rejectsAttributeNames(String name) {
    assertThat(NameRules.attributeNameProblem(name)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"x-tenant", "traceparent", "a!#$%&'*+-.^_`|~9"})
  void acceptsHeaderNames(String name) {
    assertThat(NameRules.headerNameProblem(name)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "X-Tenant", "x tenant", "x:y", "x/y", "x\u00e9"})
  void rejectsHeaderNames(String name) {
    assertThat(NameRules.headerNameProblem(name)).contains(name.isEmpty() ? "1 to 256" : "index");
  }

  @org.junit.jupiter.api.Test
  void boundsLength() {
    assertThat(NameRules.attributeNameProblem("a".repeat(256))).isNull();
    assertThat(NameRules.attributeNameProblem("a".repeat(257))).contains("1 to 256");
    assertThat(NameRules.headerNameProblem("a".repeat(257))).contains("1 to 256");
  }
}
