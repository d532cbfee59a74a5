package dev.aotel.runtime.internal;

import dev.aotel.internal.NameRules;
import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.AttributeMap;
import dev.aotel.runtime.SemconvKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeSystemTest {
  @Test
  void mapSetsGetsAndListsKeysInOrder() {
    AttributeMap map = new AttributeMap();
    SemconvKey tenant = KeyPool.requestHeader("X-Tenant");
    map.set(AttributeKey.URL_PATH, "/a")
        .set(tenant, List.of("t1"))
        .set(AttributeKey.HTTP_REQUEST_METHOD, "GET")
        .set(AttributeKey.HTTP_RESPONSE_STATUS_CODE, 200L);
    assertThat(map.get(AttributeKey.URL_PATH)).isEqualTo("/a");
    assertThat(map.getLong(AttributeKey.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(map.getStrings(tenant)).containsExactly("t1");
    assertThat(map.size()).isEqualTo(4);
    assertThat(map.keys()).containsExactly(AttributeKey.HTTP_REQUEST_METHOD,
        AttributeKey.HTTP_RESPONSE_STATUS_CODE, AttributeKey.URL_PATH, tenant);

    map.set(AttributeKey.URL_PATH, null).set(tenant, null);
    assertThat(map.size()).isEqualTo(2);
    assertThat(map.contains(AttributeKey.URL_PATH)).isFalse();
    assertThat(map.get(tenant)).isNull();
  }

  @Test
  void mapRejectsAValueOfTheWrongTypeAndKeepsTheOldOne() {
    AttributeMap map = new AttributeMap().set(AttributeKey.HTTP_RESPONSE_STATUS_CODE, 200L);
    assertThatThrownBy(() -> map.set(AttributeKey.HTTP_RESPONSE_STATUS_CODE, "200"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http.response.status_code takes a LONG")
        .hasMessageContaining("java.lang.String");
    assertThat(map.get(AttributeKey.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
  }

  @Test
  void manyPooledKeysGrowTheOverflow() {
    AttributeMap map = new AttributeMap();
    List<SemconvKey> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      SemconvKey key = KeyPool.attribute("test.map.key" + i, AttributeType.LONG);
      keys.add(key);
      map.set(key, (long) i);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(map.get(keys.get(i))).isEqualTo((long) i);
    }
    assertThat(map.keys()).containsExactlyElementsOf(keys);
  }

  @Test
  void poolInternsAndComparesByIdentity() {
    SemconvKey a = KeyPool.requestHeader("X-Custom-Thing");
    SemconvKey b = KeyPool.requestHeader("x-custom-thing");
    assertThat(a).isSameAs(b);
    assertThat(a.semconvName()).isEqualTo(AttributeKey.REQUEST_HEADER_PREFIX + "x-custom-thing");
    assertThat(a.headerName()).isEqualTo("x-custom-thing");
    assertThat(a.type()).isEqualTo(AttributeKey.HEADER_VALUE_TYPE);
    assertThat(KeyPool.responseHeader("x-custom-thing")).isNotSameAs(a);
    // A fast header never goes to the pool.
    assertThat(KeyPool.requestHeader("Content-Type"))
        .isSameAs(AttributeKey.HTTP_REQUEST_HEADER_CONTENT_TYPE);
  }

  @Test
  void theKeyAfterTheLastPoolSlotMapsToOverflowWithOneWarning() {
    KeyPool pool = new KeyPool();
    List<String> lines = FailureReporterTest.captureStderr(() -> {
      for (int i = 0; i < KeyPool.MAX_KEYS; i++) {
        assertThat(pool.header("x-uncommon-" + i, false)).isNotSameAs(KeyPool.OVERFLOW);
      }
      assertThat(pool.header("x-uncommon-0", false).semconvName()).endsWith("x-uncommon-0");
      assertThat(pool.header("x-uncommon-1024", false)).isSameAs(KeyPool.OVERFLOW);
      assertThat(pool.header("x-uncommon-1025", false)).isSameAs(KeyPool.OVERFLOW);
      assertThat(pool.attributeKey("custom.after.full", AttributeType.STRING))
          .isSameAs(KeyPool.OVERFLOW);
    });
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("key pool is full").contains("x-uncommon-1024");
  }

  @Test
  void propagationHeadersAreInternedWhenThePoolIsFullWithinTheirOwnBound() {
    KeyPool pool = new KeyPool();
    FailureReporterTest.captureStderr(() -> {
      for (int i = 0; i < KeyPool.MAX_KEYS; i++) {
        pool.header("x-uncommon-" + i, false);
      }
      assertThat(pool.header("x-b3-traceid", false)).isSameAs(KeyPool.OVERFLOW);
      SemconvKey b3 = pool.propagation("X-B3-TraceId");
      assertThat(b3).isNotSameAs(KeyPool.OVERFLOW);
      assertThat(b3.semconvName()).isEqualTo("http.request.header.x-b3-traceid");
      assertThat(pool.header("x-b3-traceid", false)).isSameAs(b3);
      for (int i = 1; i < KeyPool.MAX_PROPAGATION_KEYS; i++) {
        assertThat(pool.propagation("x-prop-" + i)).isNotSameAs(KeyPool.OVERFLOW);
      }
      assertThat(pool.propagation("x-prop-past-the-reserve")).isSameAs(KeyPool.OVERFLOW);
    });
  }

  @Test
  void propagationHeadersAreFoundAgainByNameNotByTheStringInstance() {
    String name = "X-Custom-Trace";
    SemconvKey first = KeyPool.propagationHeader(name);
    assertThat(first.semconvName()).isEqualTo("http.request.header.x-custom-trace");
    assertThat(KeyPool.propagationHeader(name)).isSameAs(first);
    assertThat(KeyPool.propagationHeader(new String("x-custom-trace"))).isSameAs(first);
    assertThat(KeyPool.propagationHeader("traceparent"))
        .isSameAs(dev.aotel.runtime.HttpHeader.lookup("traceparent").requestKey());
    String bad = "x bad";
    for (int i = 0; i < 2; i++) { // the memo never keeps a name that failed
      assertThatThrownBy(() -> KeyPool.propagationHeader(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x bad'");
    }
  }

  @Test
  void poolRejectsInvalidHeaderNames() {
    assertThatThrownBy(() -> KeyPool.requestHeader("x bad"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x bad'");
    assertThatThrownBy(() -> KeyPool.requestHeader(""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyPool.requestHeader("x".repeat(NameRules.MAX_NAME_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 256");
  }

  @Test
  void anAttributeThatCannotBeRecordedIsDroppedWithOneWarningNeverAnException() {
    KeyPool pool = new KeyPool();
    List<String> lines = FailureReporterTest.captureStderr(() -> {
      assertThat(pool.attributeKey("order id", AttributeType.STRING)).isSameAs(KeyPool.OVERFLOW);
      assertThat(pool.attributeKey("order id", AttributeType.STRING)).isSameAs(KeyPool.OVERFLOW);
      assertThat(pool.attributeKey("url.path", AttributeType.LONG)).isSameAs(KeyPool.OVERFLOW);
      assertThat(pool.attributeKey(null, AttributeType.LONG)).isSameAs(KeyPool.OVERFLOW);
    });
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("'order id'").contains("space");
    assertThat(lines.get(1))
        .contains("'url.path' is a semantic-convention key of type STRING, not LONG");
    assertThat(pool.attributeKey("url.path", AttributeType.STRING))
        .isSameAs(AttributeKey.URL_PATH);
    // What such a key records is dropped, whatever its type: the user's call goes on.
    AttributeMap map = new AttributeMap().set(KeyPool.OVERFLOW, 42L).set(KeyPool.OVERFLOW, "x");
    assertThat(map.size()).isZero();
  }

  @Test
  void listParseKeepsOrderSizeAndCase() {
    AttributeList list = AttributeList.parse(List.of("X-B", "Accept", "x-a", "TRACEPARENT"));
    assertThat(list.size()).isEqualTo(4);
    assertThat(list.names()).containsExactly("http.request.header.x-b",
        "http.request.header.accept", "http.request.header.x-a",
        "http.request.header.traceparent");
    assertThat(list.get(1)).isSameAs(AttributeKey.HTTP_REQUEST_HEADER_ACCEPT);
    List<SemconvKey> iterated = new ArrayList<>();
    list.forEach(iterated::add);
    assertThat(iterated).hasSize(4).startsWith(list.get(0));

    AttributeList response = list.responseKeys();
    assertThat(response.names()).containsExactly("http.response.header.x-b",
        "http.response.header.accept", "http.response.header.x-a",
        "http.response.header.traceparent");
    assertThat(response.requestKeys()).isEqualTo(list);
    assertThat(AttributeList.parse(List.of())).isSameAs(AttributeList.EMPTY);
  }

  @Test
  void listParseNamesTheInvalidHeader() {
    assertThatThrownBy(() -> AttributeList.parse(List.of("accept", "bad:name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bad:name'").hasMessageContaining("':'");
  }

  @Test
  void credentialsAreBlockedWhateverTheCase() {
    for (String name : List.of("Authorization", "proxy-authorization", "Cookie", "set-cookie",
        "set-cookie2", "x-api-key", "X-Auth-Token", "x-csrf-token", "x-amz-security-token",
        "x-session-id", "x-client-secret", "x-password", "x-passwd", "x-credentials",
        "apikey", "x-apikey", "token", "my_api_key")) {
      assertThat(HeaderPolicy.isBlocked(name)).as(name).isTrue();
    }
    for (String name : List.of("accept", "x-request-id", "user-agent", "x-tenant",
        "content-type", "keep-alive", "x-keyboard")) {
      assertThat(HeaderPolicy.isBlocked(name)).as(name).isFalse();
    }
  }

  @Test
  void blockedHeadersCannotBeTurnedOn() {
    List<String> lines = FailureReporterTest.captureStderr(() -> {
      AttributeList request = HeaderPolicy.requestCapture(
          List.of("X-Tenant", "Authorization", "x-api-key", "user-agent", "x-tenant"));
      assertThat(request.names()).containsExactly("http.request.header.x-tenant",
          "http.request.header.user-agent");
      AttributeList response = HeaderPolicy.responseCapture(List.of("set-cookie", "server"));
      assertThat(response.names()).containsExactly("http.response.header.server");
    });
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("'authorization'").contains("never captured");
  }

  @Test
  void atMostFiftyHeadersPerList() {
    List<String> fifty = new ArrayList<>();
    for (int i = 0; i < HeaderPolicy.MAX_CAPTURED; i++) {
      fifty.add("x-h" + i);
    }
    assertThat(HeaderPolicy.requestCapture(fifty).size()).isEqualTo(50);
    fifty.add("x-one-more");
    assertThatThrownBy(() -> HeaderPolicy.requestCapture(fifty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("51 request headers").hasMessageContaining("at most 50");
  }
}
