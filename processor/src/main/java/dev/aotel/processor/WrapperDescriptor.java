package dev.aotel.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/** What to generate for one {@code @Traced} class: plain data, read by {@link WrapperWriter}. */
record WrapperDescriptor(
    TypeElement source,
    ClassName wrapper,
    Mode mode,
    boolean isPublic,
    String route,
    List<DeclaredType> interfaces,
    List<MethodDescriptor> methods) {

  enum Mode {
    /** An {@code HttpHandler} serving each exchange as an HTTP server operation. */
    HTTP_HANDLER,
    /** Implements the class's interfaces and forwards to the delegate. */
    DECORATOR,
    /** Extends the class and forwards to the delegate. */
    SUBCLASS
  }

  /**
   * One method the wrapper declares: forwarded, and traced when {@code operationName} is set.
   *
   * @param owner the type the method is resolved against (an interface for decorators)
   */
  record MethodDescriptor(
      ExecutableElement method,
      DeclaredType owner,
      String operationName,
      String functionName,
      List<AttributeParameter> attributes,
      boolean completionStage) {
    boolean traced() {
      return operationName != null;
    }
  }

  /** A parameter recorded as an attribute. */
  record AttributeParameter(String name, int index, ValueType type) {}

  /** How an argument becomes an attribute value. */
  enum ValueType {
    /** Passed as it is: String, Boolean, boolean (boxed), Long, Double. */
    AS_IS_STRING, AS_IS_LONG, AS_IS_DOUBLE, AS_IS_BOOLEAN,
    /** long, int, short, byte: widened to long. */
    LONG,
    /** double, float: widened to double. */
    DOUBLE,
    /** Integer, Short, Byte: {@code longValue()} unless null. */
    BOXED_INTEGRAL,
    /** Float: {@code doubleValue()} unless null. */
    BOXED_FLOAT,
    /** char: {@code String.valueOf}. */
    CHAR,
    /** Anything else: {@code String.valueOf} unless null. */
    OTHER;

    String attributeType() {
      switch (this) {
        case LONG:
        case AS_IS_LONG:
        case BOXED_INTEGRAL:
          return "LONG";
        case DOUBLE:
        case AS_IS_DOUBLE:
        case BOXED_FLOAT:
          return "DOUBLE";
        case AS_IS_BOOLEAN:
          return "BOOLEAN";
        default:
          return "STRING";
      }
    }
  }
}
