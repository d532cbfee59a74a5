package dev.aotel.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.aotel.processor.WrapperDescriptor.AttributeParameter;
import dev.aotel.processor.WrapperDescriptor.MethodDescriptor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Writes a wrapper with JavaPoet. Generated bodies are the Instrumenter lifecycle and nothing
 * else: enabled? start, make current, call, error, end. Everything else lives in the runtime.
 */
final class WrapperWriter {
  private static final String RUNTIME = "dev.aotel.runtime";
  private static final String INTERNAL = "dev.aotel.runtime.internal";
  private static final ClassName TELEMETRY = ClassName.get(RUNTIME, "Telemetry");
  private static final ClassName INSTRUMENT_KIND = ClassName.get(RUNTIME, "InstrumentKind");
  private static final ClassName OPERATION = ClassName.get(INTERNAL, "Operation");
  private static final ClassName ATTRIBUTE_MAP = ClassName.get(RUNTIME, "AttributeMap");
  private static final ClassName ATTRIBUTE_KEY = ClassName.get(RUNTIME, "AttributeKey");
  private static final ClassName SEMCONV_KEY = ClassName.get(RUNTIME, "SemconvKey");
  private static final ClassName KEY_POOL = ClassName.get(INTERNAL, "KeyPool");
  private static final ClassName COMPLETIONS = ClassName.get(INTERNAL, "Completions");
  private static final ClassName SERVER_CALL = ClassName.get(INTERNAL, "HttpServerCall");
  private static final ClassName SCOPE = ClassName.get("io.opentelemetry.context", "Scope");
  private static final ClassName ATTRIBUTE_TYPE =
      ClassName.get("io.opentelemetry.api.common", "AttributeType");
  private static final ClassName HTTP_HANDLER =
      ClassName.get("com.sun.net.httpserver", "HttpHandler");
  private static final ClassName HTTP_EXCHANGE =
      ClassName.get("com.sun.net.httpserver", "HttpExchange");
  private static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");

  private final Elements elements;
  private final Types types;

  WrapperWriter(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  JavaFile write(WrapperDescriptor descriptor) {
    TypeElement source = descriptor.source();
    List<TypeVariableName> typeVariables = new ArrayList<>();
    for (TypeParameterElement parameter : source.getTypeParameters()) {
      typeVariables.add(TypeVariableName.get(parameter));
    }
    TypeName delegateType = TypeName.get(source.asType());
    TypeSpec.Builder type = TypeSpec.classBuilder(descriptor.wrapper())
        .addOriginatingElement(source)
        .addModifiers(Modifier.FINAL)
        .addTypeVariables(typeVariables)
        // Nested types of the source and of every supertype (JavaPoet walks them) shadow our
        // imports in the wrapper's body, so a user's Operation or Scope forces qualified names.
        .avoidClashesWithNestedClasses(source)
        .addJavadoc("Reports calls to {@link $T} to the aotel runtime; see {@code @Traced}.\n",
            ClassName.get(source))
        .addField(delegateType, "delegate", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Wraps {@code delegate}, which does the work.\n")
            .addParameter(delegateType, "delegate")
            .addStatement("this.delegate = $T.requireNonNull(delegate, $S)", OBJECTS, "delegate")
            .build());
    if (descriptor.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    // The scope of try-with-resources is never referenced; keep -Xlint:all -Werror builds clean.
    type.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
        .addMember("value", "$S", "try").build());
    AnnotationSpec generated = generatedAnnotation();
    if (generated != null) {
      type.addAnnotation(generated);
    }
    switch (descriptor.mode()) {
      case HTTP_HANDLER:
        writeHandler(type, descriptor);
        break;
      case DECORATOR:
        descriptor.interfaces().forEach(i -> type.addSuperinterface(TypeName.get(i)));
        writeMethods(type, descriptor);
        break;
      case SUBCLASS:
        type.superclass(delegateType);
        writeMethods(type, descriptor);
        break;
    }
    return JavaFile.builder(descriptor.wrapper().packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private AnnotationSpec generatedAnnotation() {
    for (String name : List.of("javax.annotation.processing.Generated",
        "javax.annotation.Generated")) {
      TypeElement element = elements.getTypeElement(name);
      if (element != null) {
        return AnnotationSpec.builder(ClassName.get(element))
            .addMember("value", "$S", TracedProcessor.class.getName())
            .build();
      }
    }
    return null;
  }

  private void writeHandler(TypeSpec.Builder type, WrapperDescriptor descriptor) {
    type.addSuperinterface(HTTP_HANDLER);
    type.addField(FieldSpec.builder(String.class, "ROUTE", Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .initializer(descriptor.route() == null ? CodeBlock.of("null")
            : CodeBlock.of("$S", descriptor.route()))
        .build());
    type.addMethod(MethodSpec.methodBuilder("handle")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(HTTP_EXCHANGE, "exchange")
        .addException(IO_EXCEPTION)
        .beginControlFlow("if (!$T.isEnabledFor($T.HTTP_SERVER))", TELEMETRY, INSTRUMENT_KIND)
        .addStatement("delegate.handle(exchange)")
        .addStatement("return")
        .endControlFlow()
        .addStatement("$T call = $T.start(exchange, ROUTE)", SERVER_CALL, SERVER_CALL)
        .beginControlFlow("try ($T scope = call.makeCurrent())", SCOPE)
        .addStatement("delegate.handle(call.exchange())")
        .nextControlFlow("catch ($T t)", Throwable.class)
        .addStatement("call.error(t)")
        .addStatement("throw t")
        .nextControlFlow("finally")
        .addStatement("call.handlerReturned()")
        .endControlFlow()
        .build());
  }

  private void writeMethods(TypeSpec.Builder type, WrapperDescriptor descriptor) {
    int attributeField = 0;
    for (MethodDescriptor method : descriptor.methods()) {
      List<String> keyFields = new ArrayList<>();
      for (AttributeParameter attribute : method.attributes()) {
        String field = "ATTRIBUTE_" + attributeField++;
        keyFields.add(field);
        type.addField(FieldSpec.builder(SEMCONV_KEY, field, Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL)
            .initializer("$T.attribute($S, $T.$L)", KEY_POOL, attribute.name(), ATTRIBUTE_TYPE,
                attribute.type().attributeType())
            .build());
      }
      type.addMethod(method(method, keyFields));
    }
  }

  private MethodSpec method(MethodDescriptor descriptor, List<String> keyFields) {
    ExecutableElement element = descriptor.method();
    // What MethodSpec.overriding gives, but with the parameters' annotations left out: generated
    // code must not name types of the annotations jar.
    ExecutableType resolved = (ExecutableType) types.asMemberOf(descriptor.owner(), element);
    Set<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
    modifiers.addAll(element.getModifiers());
    modifiers.removeAll(EnumSet.of(Modifier.ABSTRACT, Modifier.DEFAULT));
    MethodSpec.Builder method = MethodSpec.methodBuilder(element.getSimpleName().toString())
        .addAnnotation(Override.class)
        .addModifiers(modifiers)
        .returns(TypeName.get(resolved.getReturnType()))
        .varargs(element.isVarArgs());
    for (TypeParameterElement parameter : element.getTypeParameters()) {
      method.addTypeVariable(TypeVariableName.get((TypeVariable) parameter.asType()));
    }
    for (TypeMirror thrown : resolved.getThrownTypes()) {
      method.addException(TypeName.get(thrown));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < element.getParameters().size(); i++) {
      String name = element.getParameters().get(i).getSimpleName().toString();
      names.add(name);
      method.addParameter(ParameterSpec.builder(
          TypeName.get(resolved.getParameterTypes().get(i)), name).build());
    }
    boolean returnsVoid = element.getReturnType().getKind() == TypeKind.VOID;
    CodeBlock call = CodeBlock.of("this.delegate.$N($L)", element.getSimpleName().toString(),
        String.join(", ", names));
    if (!descriptor.traced()) {
      return method.addStatement(returnsVoid ? "$L" : "return $L", call).build();
    }

    Set<String> taken = new HashSet<>(names);
    String operation = unique("operation", taken);
    String scope = unique("scope", taken);
    String thrown = unique("t", taken);
    method.beginControlFlow("if (!$T.isEnabledFor($T.CUSTOM))", TELEMETRY, INSTRUMENT_KIND)
        .addStatement(returnsVoid ? "$L" : "return $L", call);
    if (returnsVoid) {
      method.addStatement("return");
    }
    method.endControlFlow();

    CodeBlock.Builder attributes = CodeBlock.builder()
        .add("new $T()", ATTRIBUTE_MAP)
        .add("\n.operationName($S)", descriptor.operationName())
        .add("\n.set($T.CODE_FUNCTION_NAME, $S)", ATTRIBUTE_KEY, descriptor.functionName());
    for (int i = 0; i < descriptor.attributes().size(); i++) {
      AttributeParameter attribute = descriptor.attributes().get(i);
      attributes.add("\n.set($N, $L)", keyFields.get(i),
          value(attribute, names.get(attribute.index())));
    }
    method.addStatement("$T $N = $T.start($T.CUSTOM, $L)", OPERATION, operation, OPERATION,
        INSTRUMENT_KIND, attributes.build());

    if (descriptor.completionStage()) {
      String result = unique("result", taken);
      method.addStatement("$T $N", TypeName.get(resolved.getReturnType()), result)
          .beginControlFlow("try ($T $N = $N.makeCurrent())", SCOPE, scope, operation)
          .addStatement("$N = $L", result, call)
          .nextControlFlow("catch ($T $N)", Throwable.class, thrown)
          .addStatement("$N.error($N)", operation, thrown)
          .addStatement("$N.end()", operation)
          .addStatement("throw $N", thrown)
          .endControlFlow()
          .addStatement("return $T.endOnCompletion($N, $N)", COMPLETIONS, operation, result);
      return method.build();
    }
    return method.beginControlFlow("try ($T $N = $N.makeCurrent())", SCOPE, scope, operation)
        .addStatement(returnsVoid ? "$L" : "return $L", call)
        .nextControlFlow("catch ($T $N)", Throwable.class, thrown)
        .addStatement("$N.error($N)", operation, thrown)
        .addStatement("throw $N", thrown)
        .nextControlFlow("finally")
        .addStatement("$N.end()", operation)
        .endControlFlow()
        .build();
  }

  private static CodeBlock value(AttributeParameter attribute, String name) {
    switch (attribute.type()) {
      case LONG:
        return CodeBlock.of("($T) $N", long.class, name);
      case DOUBLE:
        return CodeBlock.of("($T) $N", double.class, name);
      case BOXED_INTEGRAL:
        return CodeBlock.of("$N == null ? null : $N.longValue()", name, name);
      case BOXED_FLOAT:
        return CodeBlock.of("$N == null ? null : $N.doubleValue()", name, name);
      case CHAR:
        return CodeBlock.of("$T.valueOf($N)", String.class, name);
      case OTHER:
        return CodeBlock.of("$N == null ? null : $T.valueOf(($T) $N)", name, String.class,
            Object.class, name);
      default:
        return CodeBlock.of("$N", name);
    }
  }

  private static String unique(String base, Set<String> taken) {
    String name = base;
    while (!taken.add(name)) {
      name = name + "_";
    }
    return name;
  }
}
