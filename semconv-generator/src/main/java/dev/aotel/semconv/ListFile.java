package dev.aotel.semconv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads one of the project's list files: one entry per line, {@code #} comments, no duplicates. */
final class ListFile {
  private ListFile() {}

  static List<String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GeneratorException("cannot read list file " + file + ": " + e.getMessage(), e);
    }
    List<String> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      String entry = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (entry.isEmpty()) {
        continue;
      }
      if (!seen.add(entry)) {
        throw new GeneratorException(
            file + ":" + (i + 1) + ": '" + entry + "' is listed twice; remove one of the lines");
      }
      entries.add(entry);
    }
    return entries;
  }
}
