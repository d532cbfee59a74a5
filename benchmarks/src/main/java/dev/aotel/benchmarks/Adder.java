package dev.aotel.benchmarks;

import dev.aotel.SpanAttribute;
import dev.aotel.Traced;

/** A class without interfaces: its wrapper is a generated subclass. */
public class Adder {
  @Traced
  public long add(@SpanAttribute long a, long b) {
    return a + b;
  }
}
