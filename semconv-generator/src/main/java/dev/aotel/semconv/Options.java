package dev.aotel.semconv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal {@code --name value} parsing for the generator's command line. */
final class Options {
  private Options() {}

  static Map<String, String> parse(String[] args, String... required) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!List.of(required).contains(args[i]) || i + 1 >= args.length) {
        throw new GeneratorException("unexpected argument '" + args[i] + "'; usage: "
            + String.join(" <value> ", required) + " <value>");
      }
      values.put(args[i], args[++i]);
    }
    for (String name : required) {
      if (!values.containsKey(name)) {
        throw new GeneratorException("missing argument " + name);
      }
    }
    return values;
  }
}
