package dev.aotel.runtime;

/**
 * A semantic-convention attribute key: either a generated, well-known {@link AttributeKey}
 * constant or a pooled key for an uncommon name (such as a user-configured header), made by
 * {@link KeyPool}. Keys are compared by identity, which allocates nothing.
 */
public sealed interface SemconvKey permits AttributeKey, KeyPool.PooledKey {
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
