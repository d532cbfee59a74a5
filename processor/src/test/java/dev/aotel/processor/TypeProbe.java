package dev.aotel.processor;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Runs alongside the processor and notes which of the given types exist in the last round. javac
 * enters generated sources even when a processor reported errors, but compile-testing only shows
 * generated files of a successful compilation: this is how a failing one tells what was written.
 */
final class TypeProbe extends AbstractProcessor {
  private final List<String> names;
  final Set<String> found = new TreeSet<>();

  TypeProbe(String... names) {
    this.names = List.of(names);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      for (String name : names) {
        if (processingEnv.getElementUtils().getTypeElement(name) != null) {
          found.add(name);
        }
      }
    }
    return false;
  }
}
