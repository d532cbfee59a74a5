package dev.aotel.runtime;

/**
 * A semantic-convention attribute key: either a generated, well-known {@link AttributeKey}
 * constant or a pooled key for an uncommon name (such as a user-configured header). Keys are
 * compared by identity, which allocates nothing. Only aotel implements this interface: get keys
 * from {@link AttributeKey} or {@link #requestHeader}/{@link #responseHeader}.
 */
public interface SemconvKey {
  /**
   * The {@code http.request.header.<name>} key for a header name, in any letter case: the
   * generated constant for a fast header, otherwise a pooled key (at most 1024 pooled names;
   * past that, an overflow key that is never exported, and one warning).
   *
   * @throws IllegalArgumentException if the name is not a valid header name
   */
  static SemconvKey requestHeader(String headerName) {
    return dev.aotel.runtime.internal.KeyPool.requestHeader(headerName);
  }

  /** Like {@link #requestHeader}, for {@code http.response.header.<name>}. */
  static SemconvKey responseHeader(String headerName) {
    return dev.aotel.runtime.internal.KeyPool.responseHeader(headerName);
  }

  /** The semantic-convention name, such as {@code http.request.header.x-tenant}. */
  String semconvName();

  /** The value type. */
  io.opentelemetry.api.common.AttributeType type();

  /** The typed OpenTelemetry key with the same name and type. */
  io.opentelemetry.api.common.AttributeKey<?> otelKey();

  /** The fast header this key records, or null (always null for pooled keys). */
  HttpHeader header();

  /** The naked lowercase header name for header keys, otherwise null. */
  String headerName();
}
