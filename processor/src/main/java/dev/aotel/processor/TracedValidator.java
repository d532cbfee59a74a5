package dev.aotel.processor;

import com.palantir.javapoet.ClassName;
import dev.aotel.SpanAttribute;
import dev.aotel.Traced;
import dev.aotel.internal.NameRules;
import dev.aotel.processor.WrapperDescriptor.AttributeParameter;
import dev.aotel.processor.WrapperDescriptor.MethodDescriptor;
import dev.aotel.processor.WrapperDescriptor.Mode;
import dev.aotel.processor.WrapperDescriptor.ValueType;
import dev.aotel.runtime.AttributeKey;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Reads a {@code @Traced} class, reports every misuse on the offending element, and describes the
 * wrapper to write; null when the class cannot be wrapped.
 */
final class TracedValidator {
  static final String HTTP_HANDLER = "com.sun.net.httpserver.HttpHandler";
  private static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

  private final Elements elements;
  private final Types types;
  private final Messager messager;

  TracedValidator(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.messager = env.getMessager();
  }

  /** Checks {@code @Traced} on a method whose enclosing element is not a class. */
  boolean checkEnclosing(ExecutableElement method) {
    Element owner = method.getEnclosingElement();
    if (owner.getKind() != ElementKind.CLASS) {
      error(method, Diagnostics.methodOfNonClass(kindWord(owner.getKind()), name(owner),
          methodName(method)));
      return false;
    }
    return true;
  }

  /** Whether {@code @Traced} can sit on this type element at all. */
  boolean checkTypeKind(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS) {
      error(type, Diagnostics.notAClass(kindWord(type.getKind()), name(type)));
      return false;
    }
    return true;
  }

  WrapperDescriptor describe(TypeElement type) {
    boolean ok = checkNesting(type);
    Traced classTraced = type.getAnnotation(Traced.class);
    Traced.Kind kind = classTraced != null ? classTraced.kind() : Traced.Kind.INFER;
    boolean handler = isHandler(type);
    if (kind == Traced.Kind.HTTP_SERVER && !handler) {
      errorOnValue(type, Traced.class, "kind", Diagnostics.notAHandler(name(type)));
      return null;
    }
    ClassName wrapper = Names.wrapperName(type);
    boolean isPublic = type.getModifiers().contains(Modifier.PUBLIC);
    if (handler && kind != Traced.Kind.CUSTOM) {
      if (!ok) {
        return null;
      }
      String route = classTraced == null || classTraced.value().isEmpty()
          ? null : classTraced.value();
      return new WrapperDescriptor(type, wrapper, Mode.HTTP_HANDLER, isPublic, route,
          List.of(), List.of());
    }

    Map<ExecutableElement, MethodDescriptor> traced = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Traced annotation = method.getAnnotation(Traced.class);
      if (annotation != null) {
        ok &= checkMethod(method);
      } else if (classTraced == null || !method.getModifiers().contains(Modifier.PUBLIC)
          || method.getModifiers().contains(Modifier.STATIC)) {
        continue;
      }
      MethodDescriptor descriptor = traced(type, method, annotation);
      ok &= descriptor != null;
      traced.put(method, descriptor);
    }
    if (!ok) {
      return null;
    }

    List<DeclaredType> interfaces = new ArrayList<>();
    for (TypeMirror mirror : type.getInterfaces()) {
      interfaces.add((DeclaredType) mirror);
    }
    List<MethodDescriptor> decorated = decorate(type, interfaces, traced);
    if (decorated != null) {
      return new WrapperDescriptor(type, wrapper, Mode.DECORATOR, isPublic, null, interfaces,
          decorated);
    }
    if (type.getModifiers().contains(Modifier.FINAL)) {
      error(type, Diagnostics.finalClass(name(type)));
      return null;
    }
    if (!hasAccessibleNoArgConstructor(type)) {
      error(type, Diagnostics.noConstructor(name(type)));
      return null;
    }
    List<MethodDescriptor> methods = subclass(type, traced);
    return methods == null ? null
        : new WrapperDescriptor(type, wrapper, Mode.SUBCLASS, isPublic, null, List.of(), methods);
  }

  /**
   * The first type that {@code type} refers to and that does not exist (yet): another processor
   * may generate it in a later round. Looks at every supertype and at the signature of every
   * method a wrapper could declare; null when all are resolved.
   */
  TypeMirror missingType(TypeElement type) {
    TypeMirror missing = missingSupertype(type);
    if (missing != null) {
      return missing;
    }
    List<TypeMirror> referenced = new ArrayList<>();
    for (TypeParameterElement parameter : type.getTypeParameters()) {
      referenced.addAll(parameter.getBounds());
    }
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)
          || isObjectMethod(method)) {
        continue;
      }
      referenced.add(method.getReturnType());
      method.getParameters().forEach(parameter -> referenced.add(parameter.asType()));
      referenced.addAll(method.getThrownTypes());
      method.getTypeParameters().forEach(parameter -> referenced.addAll(parameter.getBounds()));
    }
    return firstMissing(referenced);
  }

  private static TypeMirror missingSupertype(TypeElement type) {
    List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
    supertypes.add(0, type.getSuperclass());
    for (TypeMirror supertype : supertypes) {
      TypeMirror missing = missingIn(supertype);
      if (missing == null && supertype.getKind() == TypeKind.DECLARED) {
        missing = missingSupertype((TypeElement) ((DeclaredType) supertype).asElement());
      }
      if (missing != null) {
        return missing;
      }
    }
    return null;
  }

  private static TypeMirror firstMissing(List<? extends TypeMirror> types) {
    for (TypeMirror type : types) {
      TypeMirror missing = missingIn(type);
      if (missing != null) {
        return missing;
      }
    }
    return null;
  }

  /** Type variables are not followed: their bounds are checked where they are declared. */
  private static TypeMirror missingIn(TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
        return type;
      case DECLARED:
        return firstMissing(((DeclaredType) type).getTypeArguments());
      case ARRAY:
        return missingIn(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound = wildcard.getExtendsBound() != null
            ? wildcard.getExtendsBound() : wildcard.getSuperBound();
        return bound == null ? null : missingIn(bound);
      default:
        return null;
    }
  }

  /**
   * The interface methods to forward when every traced method implements one of them; null when
   * some traced method belongs to no interface (then the wrapper must be a subclass).
   */
  private List<MethodDescriptor> decorate(TypeElement type, List<DeclaredType> interfaces,
      Map<ExecutableElement, MethodDescriptor> traced) {
    if (interfaces.isEmpty()) {
      return null;
    }
    Set<ExecutableElement> covered = new HashSet<>();
    List<MethodDescriptor> methods = new ArrayList<>();
    Set<String> signatures = new HashSet<>();
    for (DeclaredType iface : interfaces) {
      TypeElement element = (TypeElement) iface.asElement();
      for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(element))) {
        if (method.getModifiers().contains(Modifier.STATIC) || isObjectMethod(method)) {
          continue;
        }
        if (!signatures.add(signature(method))) {
          continue;
        }
        MethodDescriptor tracedBy = null;
        for (Map.Entry<ExecutableElement, MethodDescriptor> entry : traced.entrySet()) {
          if (elements.overrides(entry.getKey(), method, type)) {
            tracedBy = entry.getValue();
            covered.add(entry.getKey());
          }
        }
        methods.add(tracedBy == null
            ? forwarded(method, iface)
            : new MethodDescriptor(method, iface, tracedBy.operationName(),
                tracedBy.functionName(), tracedBy.attributes(), tracedBy.completionStage()));
      }
    }
    return covered.containsAll(traced.keySet()) ? methods : null;
  }

  /**
   * Every method the subclass wrapper overrides to forward; null when a public method cannot be
   * forwarded because it is final (the wrapper would run it on its own, empty state).
   */
  private List<MethodDescriptor> subclass(TypeElement type,
      Map<ExecutableElement, MethodDescriptor> traced) {
    DeclaredType self = (DeclaredType) type.asType();
    PackageElement pkg = elements.getPackageOf(type);
    List<MethodDescriptor> methods = new ArrayList<>();
    Set<String> signatures = new HashSet<>();
    boolean ok = true;
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)
          || isObjectMethod(method)) {
        continue;
      }
      boolean samePackage = elements.getPackageOf(method).equals(pkg);
      if (!modifiers.contains(Modifier.PUBLIC) && !samePackage) {
        continue; // a forwarding call could not reach it
      }
      MethodDescriptor descriptor = traced.get(method);
      if (modifiers.contains(Modifier.FINAL)) {
        if (modifiers.contains(Modifier.PUBLIC)) {
          // An inherited method may come from a class file: the caret goes on the traced class.
          error(method.getEnclosingElement().equals(type) ? method : type,
              Diagnostics.finalMethodInSubclass(name(type), methodName(method)));
          ok = false;
        }
        continue;
      }
      if (!signatures.add(signature(method))) {
        continue;
      }
      methods.add(descriptor != null
          ? new MethodDescriptor(method, self, descriptor.operationName(),
              descriptor.functionName(), descriptor.attributes(), descriptor.completionStage())
          : forwarded(method, self));
    }
    return ok ? methods : null;
  }

  private static MethodDescriptor forwarded(ExecutableElement method, DeclaredType owner) {
    return new MethodDescriptor(method, owner, null, null, List.of(), false);
  }

  private MethodDescriptor traced(TypeElement type, ExecutableElement method, Traced annotation) {
    String simple = type.getSimpleName() + "." + method.getSimpleName();
    String operationName = annotation != null && !annotation.value().isEmpty()
        ? annotation.value() : simple;
    String functionName = type.getQualifiedName() + "." + method.getSimpleName();
    List<AttributeParameter> attributes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean ok = true;
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement parameter = parameters.get(i);
      SpanAttribute attribute = parameter.getAnnotation(SpanAttribute.class);
      if (attribute == null) {
        continue;
      }
      String name = attribute.value().isEmpty()
          ? parameter.getSimpleName().toString() : attribute.value();
      ValueType valueType = valueType(parameter.asType());
      String message = attributeProblem(name, names, method, parameter, valueType);
      if (message != null) {
        errorOnValue(parameter, SpanAttribute.class, "value", message);
        ok = false;
      }
      attributes.add(new AttributeParameter(name, i, valueType));
    }
    if (!ok) {
      return null;
    }
    return new MethodDescriptor(method, (DeclaredType) type.asType(), operationName,
        functionName, attributes, isCompletionStage(method.getReturnType()));
  }

  /** What is wrong with a {@code @SpanAttribute} name, or null; adds it to {@code names}. */
  private static String attributeProblem(String name, Set<String> names,
      ExecutableElement method, VariableElement parameter, ValueType valueType) {
    String problem = NameRules.attributeNameProblem(name);
    if (problem != null) {
      return Diagnostics.badAttributeName(name, problem);
    }
    if (!names.add(name)) {
      return Diagnostics.duplicateAttribute(name, methodName(method));
    }
    AttributeKey known = AttributeKey.forName(name);
    if (known != null && !known.type().name().equals(valueType.attributeType())) {
      return Diagnostics.semconvTypeMismatch(name, known.type().name(),
          parameter.getSimpleName().toString(), valueType.attributeType());
    }
    return null;
  }

  /** Whether a method is traced, for the {@code @SpanAttribute} warning. */
  boolean isTraced(ExecutableElement method) {
    if (method.getAnnotation(Traced.class) != null) {
      return true;
    }
    Element owner = method.getEnclosingElement();
    return owner.getAnnotation(Traced.class) != null
        && method.getModifiers().contains(Modifier.PUBLIC)
        && !method.getModifiers().contains(Modifier.STATIC);
  }

  private boolean checkMethod(ExecutableElement method) {
    Set<Modifier> modifiers = method.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      error(method, Diagnostics.privateMethod(methodName(method)));
      return false;
    }
    if (modifiers.contains(Modifier.STATIC)) {
      error(method, Diagnostics.staticMethod(methodName(method)));
      return false;
    }
    if (modifiers.contains(Modifier.FINAL)) {
      error(method, Diagnostics.finalMethod(methodName(method)));
      return false;
    }
    return true;
  }

  /** Local and anonymous classes never get here: javac does not show them to processors. */
  private boolean checkNesting(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t && t.getNestingKind() == NestingKind.MEMBER;
        e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        error(type, Diagnostics.privateNested(name(t)));
        return false;
      }
      if (t.getKind() == ElementKind.CLASS && !t.getModifiers().contains(Modifier.STATIC)) {
        error(type, Diagnostics.innerClass(name(t)));
        return false;
      }
    }
    return true;
  }

  private boolean hasAccessibleNoArgConstructor(TypeElement type) {
    for (ExecutableElement constructor :
        ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty()
          && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private boolean isHandler(TypeElement type) {
    TypeElement handler = elements.getTypeElement(HTTP_HANDLER);
    return handler != null && types.isAssignable(type.asType(), handler.asType());
  }

  private boolean isCompletionStage(TypeMirror type) {
    TypeElement stage = elements.getTypeElement(COMPLETION_STAGE);
    return type.getKind() == TypeKind.DECLARED || type.getKind() == TypeKind.TYPEVAR
        ? types.isAssignable(types.erasure(type), types.erasure(stage.asType()))
        : false;
  }

  private ValueType valueType(TypeMirror type) {
    switch (type.getKind()) {
      case LONG:
      case INT:
      case SHORT:
      case BYTE:
        return ValueType.LONG;
      case DOUBLE:
      case FLOAT:
        return ValueType.DOUBLE;
      case BOOLEAN:
        return ValueType.AS_IS_BOOLEAN;
      case CHAR:
        return ValueType.CHAR;
      case DECLARED:
        String name = ((TypeElement) types.asElement(type)).getQualifiedName().toString();
        switch (name) {
          case "java.lang.String":
            return ValueType.AS_IS_STRING;
          case "java.lang.Long":
            return ValueType.AS_IS_LONG;
          case "java.lang.Integer":
          case "java.lang.Short":
          case "java.lang.Byte":
            return ValueType.BOXED_INTEGRAL;
          case "java.lang.Double":
            return ValueType.AS_IS_DOUBLE;
          case "java.lang.Float":
            return ValueType.BOXED_FLOAT;
          case "java.lang.Boolean":
            return ValueType.AS_IS_BOOLEAN;
          default:
            return ValueType.OTHER;
        }
      default:
        return ValueType.OTHER;
    }
  }

  private static boolean isObjectMethod(ExecutableElement method) {
    return ((TypeElement) method.getEnclosingElement()).getQualifiedName()
        .contentEquals("java.lang.Object");
  }

  private String signature(ExecutableElement method) {
    StringBuilder out = new StringBuilder(method.getSimpleName()).append('(');
    for (VariableElement parameter : method.getParameters()) {
      out.append(types.erasure(parameter.asType())).append(',');
    }
    return out.append(')').toString();
  }

  static String name(Element element) {
    return element instanceof TypeElement type
        ? type.getQualifiedName().toString() : element.getSimpleName().toString();
  }

  static String methodName(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()";
  }

  private static String kindWord(ElementKind kind) {
    switch (kind) {
      case INTERFACE:
        return "interface";
      case ENUM:
        return "enum";
      case ANNOTATION_TYPE:
        return "annotation type";
      case RECORD:
        return "record";
      default:
        return kind.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  void error(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /**
   * An error about an annotation's value, with the caret on that value: on the element when the
   * value is implicit (a default).
   */
  private void errorOnValue(Element element, Class<? extends Annotation> annotation,
      String member, String message) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (!((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
          .contentEquals(annotation.getCanonicalName())) {
        continue;
      }
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> value :
          mirror.getElementValues().entrySet()) {
        if (value.getKey().getSimpleName().contentEquals(member)) {
          messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror,
              value.getValue());
          return;
        }
      }
    }
    error(element, message);
  }

  void warning(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.WARNING, message, element);
  }
}
