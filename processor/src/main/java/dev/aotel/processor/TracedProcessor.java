package dev.aotel.processor;

import com.google.auto.service.AutoService;
import dev.aotel.SpanAttribute;
import dev.aotel.Traced;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Writes a {@code Traced<SimpleName>} wrapper for every class that carries {@code @Traced} or has
 * a method that does. Never claims the annotations. One bad class never stops the others.
 */
@AutoService(Processor.class)
public final class TracedProcessor extends AbstractProcessor {
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Traced.class.getCanonicalName(), SpanAttribute.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TracedValidator validator = new TracedValidator(processingEnv);
    Set<TypeElement> classes = new LinkedHashSet<>();
    for (Element element : round.getElementsAnnotatedWith(Traced.class)) {
      if (element instanceof TypeElement type) {
        if (validator.checkTypeKind(type)) {
          classes.add(type);
        }
      } else if (element instanceof ExecutableElement method
          && validator.checkEnclosing(method)) {
        classes.add((TypeElement) method.getEnclosingElement());
      }
    }
    for (Element parameter : round.getElementsAnnotatedWith(SpanAttribute.class)) {
      if (parameter.getEnclosingElement() instanceof ExecutableElement method
          && !validator.isTraced(method)) {
        validator.warning(parameter,
            Diagnostics.attributeOnUntracedMethod(TracedValidator.methodName(method)));
      }
    }
    WrapperWriter writer = new WrapperWriter(processingEnv.getElementUtils(),
        processingEnv.getTypeUtils());
    for (TypeElement type : classes) {
      WrapperDescriptor descriptor = validator.describe(type);
      if (descriptor == null) {
        continue;
      }
      try {
        writer.write(descriptor).writeTo(processingEnv.getFiler());
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            "@Traced could not write " + descriptor.wrapper() + ": " + e.getMessage(), type);
      }
    }
    return false;
  }
}
