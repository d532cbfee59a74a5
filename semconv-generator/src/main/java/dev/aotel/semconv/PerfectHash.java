package dev.aotel.semconv;

import java.util.Arrays;
import java.util.List;

/**
 * Finds a collision-free FNV-1a seed for the fast header names. The search is deterministic (the
 * smallest working seed), so two generator runs write the same file.
 */
record PerfectHash(int seed, int tableSize) {
  static final int FNV_PRIME = 0x01000193;
  static final int SHIFT = 15;
  private static final int TABLE_SIZE = 1024;
  private static final int MAX_SEED = 10_000_000;

  static PerfectHash find(List<String> names) {
    int[] owner = new int[TABLE_SIZE];
    for (int seed = 1; seed < MAX_SEED; seed++) {
      if (collisionFree(names, seed, owner)) {
        return new PerfectHash(seed, TABLE_SIZE);
      }
    }
    throw new GeneratorException("no perfect hash for " + names.size() + " header names in a"
        + " table of " + TABLE_SIZE + ": enlarge TABLE_SIZE in " + PerfectHash.class.getName());
  }

  private static boolean collisionFree(List<String> names, int seed, int[] owner) {
    Arrays.fill(owner, -1);
    for (int i = 0; i < names.size(); i++) {
      int slot = hash(names.get(i), seed);
      if (owner[slot] >= 0) {
        return false;
      }
      owner[slot] = i;
    }
    return true;
  }

  /** The same function the generated {@code HttpHeader.hash} computes. */
  static int hash(String lowercaseName, int seed) {
    int h = seed;
    for (int i = 0; i < lowercaseName.length(); i++) {
      h = (h ^ lowercaseName.charAt(i)) * FNV_PRIME;
    }
    return (h ^ (h >>> SHIFT)) & (TABLE_SIZE - 1);
  }
}
