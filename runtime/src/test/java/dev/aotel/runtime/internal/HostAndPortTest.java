package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostAndPortTest {
  @Test
  void hostHeaders() {
    assertThat(HostAndPort.parse("example.com:8080"))
        .isEqualTo(new HostAndPort.Parsed("example.com", 8080));
    assertThat(HostAndPort.parse("example.com")).isEqualTo(new HostAndPort.Parsed("example.com", -1));
    assertThat(HostAndPort.parse("[::1]:443")).isEqualTo(new HostAndPort.Parsed("::1", 443));
    assertThat(HostAndPort.parse("[::1]")).isEqualTo(new HostAndPort.Parsed("::1", -1));
    assertThat(HostAndPort.parse("::1")).isEqualTo(new HostAndPort.Parsed("::1", -1));
    assertThat(HostAndPort.parse("example.com:99999"))
        .isEqualTo(new HostAndPort.Parsed("example.com", -1));
    assertThat(HostAndPort.parse("example.com:x")).isEqualTo(new HostAndPort.Parsed("example.com", -1));
    assertThat(HostAndPort.parse("[::1")).isNull();
    assertThat(HostAndPort.parse(" ")).isNull();
    assertThat(HostAndPort.parse(null)).isNull();
  }

  @Test
  void forwardedFor() {
    assertThat(HostAndPort.firstForwardedFor("203.0.113.7, 10.0.0.1")).isEqualTo("203.0.113.7");
    assertThat(HostAndPort.firstForwardedFor("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(HostAndPort.firstForwardedFor(" , x")).isNull();
    assertThat(HostAndPort.firstForwardedFor(null)).isNull();
  }
}
