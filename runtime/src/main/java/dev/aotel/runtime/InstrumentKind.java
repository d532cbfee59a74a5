package dev.aotel.runtime;

/**
 * What kind of operation an instrument observes. The ordinals are stable and part of the
 * contract (new kinds are only ever appended): {@code CUSTOM=0, HTTP_SERVER=1, HTTP_CLIENT=2,
 * SQL=3, REDIS=4, S3=5}.
 */
public enum InstrumentKind {
  /** Methods of user classes marked {@code @Traced}: INTERNAL spans. */
  CUSTOM,
  /** Incoming HTTP requests. */
  HTTP_SERVER,
  /** Outgoing HTTP requests. */
  HTTP_CLIENT,
  /** SQL queries. */
  SQL,
  /** Redis commands. */
  REDIS,
  /** S3 object-storage calls. */
  S3
}
