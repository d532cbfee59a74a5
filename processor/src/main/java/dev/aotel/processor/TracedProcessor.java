package dev.aotel.processor;

import com.google.auto.service.AutoService;
import dev.aotel.SpanAttribute;
import dev.aotel.Traced;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Writes a {@code Traced<SimpleName>} wrapper for every class that carries {@code @Traced} or has
 * a method that does. Never claims the annotations. One bad class never stops the others.
 */
@AutoService(Processor.class)
public final class TracedProcessor extends AbstractProcessor {
  /**
   * Classes that refer to a type another processor has not generated yet, by name (elements do
   * not outlive a round): described again in the next round, reported in the last.
   */
  private final Set<String> deferred = new LinkedHashSet<>();
  private TracedValidator validator;
  private WrapperWriter writer;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Traced.class.getCanonicalName(), SpanAttribute.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    validator = new TracedValidator(env);
    writer = new WrapperWriter(env.getElementUtils(), env.getTypeUtils());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> classes = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) { // null only if the class itself went away
        classes.add(type);
      }
    }
    deferred.clear();
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
    for (TypeElement type : classes) {
      try {
        generate(type, round.processingOver());
      } catch (RuntimeException e) {
        validator.error(type, Diagnostics.unexpectedFailure(TracedValidator.name(type), e));
      }
    }
    return false;
  }

  private void generate(TypeElement type, boolean lastRound) {
    TypeMirror missing = validator.missingType(type);
    if (missing != null) {
      if (lastRound) {
        validator.error(type, Diagnostics.unresolvedType(TracedValidator.name(type),
            missing.toString()));
      } else {
        deferred.add(type.getQualifiedName().toString());
      }
      return;
    }
    WrapperDescriptor descriptor = validator.describe(type);
    if (descriptor == null) {
      return;
    }
    try {
      writer.write(descriptor).writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      validator.error(type, Diagnostics.cannotWrite(descriptor.wrapper().simpleName(),
          TracedValidator.name(type), e.getMessage()));
    }
  }
}
