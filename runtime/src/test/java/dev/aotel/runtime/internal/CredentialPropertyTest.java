package dev.aotel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.SemconvKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Credentials never reach a capture list and secret query values never reach {@code url.query},
 * whatever names and values are generated: every header name the blocklist rules match, in any
 * letter case, configured next to allowed ones; every sensitive query parameter, anywhere in a
 * query of other parameters.
 */
class CredentialPropertyTest {
  private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_";

  @Property(tries = 500)
  void aBlockedNameIsNeverCapturedWhateverItsCase(@ForAll("blockedNames") String blocked,
      @ForAll("allowedNames") String allowed) {
    assertThat(HeaderPolicy.isBlocked(blocked)).as(blocked).isTrue();
    List<String> configured = List.of(allowed, blocked, allowed.toUpperCase(Locale.ROOT));
    List<String> warnings = FailureReporterTest.captureStderr(() -> {
      AttributeList request = HeaderPolicy.requestCapture(configured);
      AttributeList response = HeaderPolicy.responseCapture(configured);
      for (AttributeList list : List.of(request, response)) {
        assertThat(headerNames(list)).as("%s from %s", list, configured)
            .containsExactly(allowed.toLowerCase(Locale.ROOT));
      }
    });
    assertThat(warnings).hasSize(2).allMatch(w -> w.contains("never captured"));
  }

  @Property(tries = 500)
  void aSensitiveQueryValueNeverSurvivesRedaction(@ForAll("queries") Query query) {
    String redacted = UrlRedaction.query(query.text());
    for (String secret : query.secrets()) {
      assertThat(redacted).as(query.text()).doesNotContain(secret);
    }
    for (String kept : query.kept()) {
      assertThat(redacted).as(query.text()).contains(kept);
    }
    assertThat(redacted.split("&", -1)).hasSameSizeAs(query.text().split("&", -1));
  }

  private static List<String> headerNames(AttributeList list) {
    List<String> names = new ArrayList<>();
    for (SemconvKey key : list) {
      names.add(key.headerName());
    }
    return names;
  }

  @Provide
  Arbitrary<String> blockedNames() {
    Arbitrary<String> word = Arbitraries.strings().withChars(TOKEN_CHARS).ofMinLength(1)
        .ofMaxLength(12).filter(w -> Character.isLetterOrDigit(w.charAt(0)));
    Arbitrary<String> exact = Arbitraries.of("authorization", "proxy-authorization", "cookie",
        "set-cookie", "set-cookie2", "token");
    Arbitrary<String> suffixed = Combinators.combine(word,
        Arbitraries.of("-token", "_token", "-key", "_key")).as(String::concat);
    Arbitrary<String> containing = Combinators.combine(word.injectNull(0.3),
        Arbitraries.of("secret", "password", "passwd", "credential", "session", "api-key",
            "apikey"), word.injectNull(0.3))
        .as((a, part, b) -> (a == null ? "" : a + "-") + part + (b == null ? "" : "-" + b));
    return Arbitraries.oneOf(exact, suffixed, containing).flatMap(CredentialPropertyTest::anyCase);
  }

  @Provide
  Arbitrary<String> allowedNames() {
    return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(3)
        .ofMaxLength(10).map(w -> "x-" + w).filter(w -> !HeaderPolicy.isBlocked(w));
  }

  private static Arbitrary<String> anyCase(String name) {
    return Arbitraries.integers().between(0, 1 << Math.min(name.length(), 20)).map(mask -> {
      StringBuilder mixed = new StringBuilder(name);
      for (int i = 0; i < Math.min(name.length(), 20); i++) {
        if ((mask & 1 << i) != 0) {
          mixed.setCharAt(i, Character.toUpperCase(name.charAt(i)));
        }
      }
      return mixed.toString();
    });
  }

  /** A query, the secret values in it and the parameters that must stay as they are. */
  record Query(String text, List<String> secrets, List<String> kept) {}

  @Provide
  Arbitrary<Query> queries() {
    // Secrets and kept values share no character, so neither can hide inside the other.
    Arbitrary<String> secret = Arbitraries.strings()
        .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ%").ofMinLength(12).ofMaxLength(40);
    Arbitrary<String> value = Arbitraries.strings().withChars("0123456789").ofMinLength(1)
        .ofMaxLength(20);
    Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz")
        .ofMinLength(1).ofMaxLength(8);
    Arbitrary<String[]> parameter = Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("AWSAccessKeyId", "Signature", "sig",
            "X-Goog-Signature"), secret).as((n, v) -> new String[] {n, v, "secret"}),
        Combinators.combine(name, value).as((n, v) -> new String[] {"p" + n, v, "kept"}));
    return parameter.list().ofMinSize(1).ofMaxSize(6).map(parameters -> {
      List<String> pairs = new ArrayList<>();
      List<String> secrets = new ArrayList<>();
      List<String> kept = new ArrayList<>();
      for (String[] p : parameters) {
        pairs.add(p[0] + "=" + p[1]);
        if (p[2].equals("secret")) {
          secrets.add(p[1]);
        } else {
          kept.add(p[0] + "=" + p[1]);
        }
      }
      return new Query(String.join("&", pairs), secrets, kept);
    });
  }
}
