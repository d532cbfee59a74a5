package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostAndPortTest {
  private static void parses(String value, String host, Long port) {
    HostAndPort.Parsed parsed = HostAndPort.parse(value);
    assertThat(parsed).as(value).isNotNull();
    assertThat(parsed.host()).as(value).isEqualTo(host);
    assertThat(parsed.port()).as(value).isEqualTo(port);
  }

  @Test
  void hostHeaders() {
    parses("example.com:8080", "example.com", 8080L);
    parses("example.com", "example.com", null);
    parses("[::1]:443", "::1", 443L);
    parses("[::1]", "::1", null);
    parses("::1", "::1", null);
    parses("example.com:99999", "example.com", null);
    parses("example.com:x", "example.com", null);
    assertThat(HostAndPort.parse("[::1")).isNull();
    assertThat(HostAndPort.parse(" ")).isNull();
    assertThat(HostAndPort.parse(null)).isNull();
  }

  @Test
  void theLastAnswerIsReusedOnlyForTheSameValue() {
    HostAndPort.Parsed first = HostAndPort.parse("shop.example:8443");
    assertThat(HostAndPort.parse("shop.example:8443")).isSameAs(first);
    parses("other.example:80", "other.example", 80L);
    parses("shop.example:8443", "shop.example", 8443L);
  }

  @Test
  void peerAddressesAsText() throws Exception {
    InetAddress v4 = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7});
    InetAddress v6 = InetAddress.getByName("::1");
    assertThat(HostAndPort.address(new InetSocketAddress(v4, 1))).isEqualTo("192.0.2.7");
    assertThat(HostAndPort.address(new InetSocketAddress(v6, 1))).isEqualTo("0:0:0:0:0:0:0:1");
    assertThat(HostAndPort.address(new InetSocketAddress(v4, 2))).isEqualTo("192.0.2.7");
    assertThat(HostAndPort.address(InetSocketAddress.createUnresolved("peer.example", 3)))
        .isEqualTo("peer.example");
  }

  @Test
  void forwardedFor() {
    assertThat(HostAndPort.firstForwardedFor("203.0.113.7, 10.0.0.1")).isEqualTo("203.0.113.7");
    assertThat(HostAndPort.firstForwardedFor("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(HostAndPort.firstForwardedFor(" , x")).isNull();
    assertThat(HostAndPort.firstForwardedFor(null)).isNull();
  }
}
