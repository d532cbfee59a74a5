package dev.aotel.semconv;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a lookup as nested switches: first on the length, then on the character position that
 * splits the remaining names into the most groups, until one name is left, which is then
 * compared in full (ignoring ASCII case).
 */
final class SwitchTree {
  private SwitchTree() {}

  static CodeBlock code(List<String> names) {
    Map<Integer, List<String>> byLength = new TreeMap<>();
    for (String name : names) {
      byLength.computeIfAbsent(name.length(), k -> new ArrayList<>()).add(name);
    }
    CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("switch (name.length())");
    for (Map.Entry<Integer, List<String>> group : byLength.entrySet()) {
      code.add("case $L:\n", group.getKey()).indent();
      split(code, group.getValue());
      code.unindent();
    }
    code.add("default:\n").indent().addStatement("return null").unindent();
    return code.endControlFlow().build();
  }

  private static void split(CodeBlock.Builder code, List<String> names) {
    if (names.size() == 1) {
      String name = names.get(0);
      code.addStatement("return equalsLowercase(name, $S) ? $L : null", name,
          SemconvGenerator.constantName(name));
      return;
    }
    int position = bestPosition(names);
    Map<Character, List<String>> byChar = new TreeMap<>();
    for (String name : names) {
      byChar.computeIfAbsent(name.charAt(position), k -> new ArrayList<>()).add(name);
    }
    code.beginControlFlow("switch (lower(name.charAt($L)))", position);
    for (Map.Entry<Character, List<String>> group : byChar.entrySet()) {
      code.add("case $L:\n", charLiteral(group.getKey())).indent();
      split(code, group.getValue());
      code.unindent();
    }
    code.add("default:\n").indent().addStatement("return null").unindent();
    code.endControlFlow();
  }

  private static String charLiteral(char c) {
    return c == '\'' ? "'\\''" : "'" + c + "'";
  }

  /** The position with the most distinct characters; the first such position on a tie. */
  private static int bestPosition(List<String> names) {
    int best = -1;
    long bestCount = 0;
    for (int i = 0; i < names.get(0).length(); i++) {
      final int position = i;
      long count = names.stream().mapToInt(n -> n.charAt(position)).distinct().count();
      if (count > bestCount) {
        best = i;
        bestCount = count;
      }
    }
    return best;
  }
}
