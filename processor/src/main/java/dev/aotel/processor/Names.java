package dev.aotel.processor;

import com.palantir.javapoet.ClassName;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** The one place that names generated wrappers. */
final class Names {
  private Names() {}

  /** {@code Traced<SimpleName>}; nested: {@code Traced<Outer>_<Inner>}; same package. */
  static ClassName wrapperName(TypeElement type) {
    StringBuilder simple = new StringBuilder(type.getSimpleName());
    Element e = type.getEnclosingElement();
    while (e instanceof TypeElement outer) {
      simple.insert(0, outer.getSimpleName() + "_");
      e = outer.getEnclosingElement();
    }
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return ClassName.get(((PackageElement) e).getQualifiedName().toString(), "Traced" + simple);
  }
}
