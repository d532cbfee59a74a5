package dev.aotel.runtime.otel;

/**
 * The instrumentation scope of aotel's own spans and metrics: what a collector sees as the scope
 * name, and what the SDK module recognises when it records the instruments' spans itself.
 */
public final class AotelScope {
  /** {@value}: no version, no schema URL. */
  public static final String NAME = "dev.aotel";

  private AotelScope() {}
}
