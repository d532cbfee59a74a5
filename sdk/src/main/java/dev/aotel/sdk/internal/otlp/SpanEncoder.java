package dev.aotel.sdk.internal.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.resources.internal.Entity;
import io.opentelemetry.sdk.resources.internal.EntityUtil;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Encodes spans as an OTLP {@code ExportTraceServiceRequest}
 * (opentelemetry-proto {@code collector/trace/v1}), grouped by resource and then by
 * instrumentation scope as the SDK's exporter groups them. One instance per exporter, used by one
 * thread at a time: its buffers and the encoded attribute keys are kept from one batch to the
 * next, so a steady stream of spans allocates little beyond what the batch itself holds.
 *
 * <p>Internal: not API, may change without notice.
 */
final class SpanEncoder {
  // Field numbers from opentelemetry-proto: trace/v1/trace.proto, common/v1/common.proto.
  private static final int REQUEST_RESOURCE_SPANS = 1;
  private static final int RESOURCE_SPANS_RESOURCE = 1;
  private static final int RESOURCE_SPANS_SCOPE_SPANS = 2;
  private static final int RESOURCE_SPANS_SCHEMA_URL = 3;
  private static final int RESOURCE_ATTRIBUTES = 1;
  private static final int RESOURCE_ENTITY_REFS = 3;
  private static final int ENTITY_REF_SCHEMA_URL = 1;
  private static final int ENTITY_REF_TYPE = 2;
  private static final int ENTITY_REF_ID_KEYS = 3;
  private static final int ENTITY_REF_DESCRIPTION_KEYS = 4;
  private static final int SCOPE_SPANS_SCOPE = 1;
  private static final int SCOPE_SPANS_SPANS = 2;
  private static final int SCOPE_SPANS_SCHEMA_URL = 3;
  private static final int SCOPE_NAME = 1;
  private static final int SCOPE_VERSION = 2;
  private static final int SCOPE_ATTRIBUTES = 3;
  private static final int SPAN_TRACE_ID = 1;
  private static final int SPAN_SPAN_ID = 2;
  private static final int SPAN_TRACE_STATE = 3;
  private static final int SPAN_PARENT_SPAN_ID = 4;
  private static final int SPAN_NAME = 5;
  private static final int SPAN_KIND = 6;
  private static final int SPAN_START = 7;
  private static final int SPAN_END = 8;
  private static final int SPAN_ATTRIBUTES = 9;
  private static final int SPAN_DROPPED_ATTRIBUTES = 10;
  private static final int SPAN_EVENTS = 11;
  private static final int SPAN_DROPPED_EVENTS = 12;
  private static final int SPAN_LINKS = 13;
  private static final int SPAN_DROPPED_LINKS = 14;
  private static final int SPAN_STATUS = 15;
  private static final int SPAN_FLAGS = 16;
  private static final int EVENT_TIME = 1;
  private static final int EVENT_NAME = 2;
  private static final int EVENT_ATTRIBUTES = 3;
  private static final int EVENT_DROPPED_ATTRIBUTES = 4;
  private static final int LINK_TRACE_ID = 1;
  private static final int LINK_SPAN_ID = 2;
  private static final int LINK_TRACE_STATE = 3;
  private static final int LINK_ATTRIBUTES = 4;
  private static final int LINK_DROPPED_ATTRIBUTES = 5;
  private static final int LINK_FLAGS = 6;
  private static final int STATUS_MESSAGE = 2;
  private static final int STATUS_CODE = 3;
  private static final int KEY_VALUE_KEY = 1;
  private static final int KEY_VALUE_VALUE = 2;
  private static final int ANY_STRING = 1;
  private static final int ANY_BOOL = 2;
  private static final int ANY_INT = 3;
  private static final int ANY_DOUBLE = 4;
  private static final int ANY_ARRAY = 5;
  private static final int ANY_KVLIST = 6;
  private static final int ANY_BYTES = 7;
  private static final int ARRAY_VALUES = 1;
  private static final int KVLIST_VALUES = 1;
  /** SpanFlags in trace.proto: the low byte is the W3C trace flags. */
  private static final int FLAGS_HAS_IS_REMOTE = 0x100;
  private static final int FLAGS_IS_REMOTE = 0x200;
  /** Keys kept encoded; a service with more distinct keys has the rest encoded every time. */
  private static final int KEY_CACHE_LIMIT = 4096;
  /** The longest KeyValue kept for its value to be copied when it repeats. */
  private static final int VALUE_CACHE_LIMIT = 128;
  private static final int TRIM_ABOVE = 4 * 1024 * 1024;
  private static final int INITIAL = 64 * 1024;

  private final ProtoBuffer request = new ProtoBuffer(INITIAL);
  private final ProtoBuffer resourceSpans = new ProtoBuffer(INITIAL);
  private final ProtoBuffer scopeSpans = new ProtoBuffer(INITIAL);
  private final ProtoBuffer span = new ProtoBuffer(1024);
  private final ProtoBuffer child = new ProtoBuffer(256);
  /** Arrays and {@code Value} attributes nest: one buffer per level, made when first needed. */
  private final List<ProtoBuffer> nested = new ArrayList<>();
  private final Map<String, EncodedKey> keys = new HashMap<>();
  private final List<Group> groups = new ArrayList<>();
  private final AttributeWriter attributeWriter = new AttributeWriter();
  private Resource lastResource;
  private byte[] lastResourceBytes;

  /** Spans of one resource and scope, in the order they came. */
  private static final class Group {
    Resource resource;
    InstrumentationScopeInfo scope;
    final List<SpanData> spans = new ArrayList<>();
  }

  /** The encoded request; valid until the next call. */
  ProtoBuffer encode(Collection<SpanData> batch) {
    int used = 0;
    for (SpanData data : batch) {
      used = add(data, used);
    }
    request.clear();
    for (int g = 0; g < used; ) {
      Resource resource = groups.get(g).resource;
      resourceSpans.raw(resourceBytes(resource), 0, lastResourceBytes.length);
      for (; g < used && same(groups.get(g).resource, resource); g++) {
        Group group = groups.get(g);
        scope(group.scope);
        for (SpanData data : group.spans) {
          span(data);
          scopeSpans.message(SCOPE_SPANS_SPANS, span);
        }
        scopeSpans.string(SCOPE_SPANS_SCHEMA_URL, group.scope.getSchemaUrl());
        resourceSpans.message(RESOURCE_SPANS_SCOPE_SPANS, scopeSpans);
        group.spans.clear();
        group.resource = null;
        group.scope = null;
      }
      resourceSpans.string(RESOURCE_SPANS_SCHEMA_URL, resource.getSchemaUrl());
      request.message(REQUEST_RESOURCE_SPANS, resourceSpans);
    }
    return request;
  }

  /**
   * Forgets a batch whose encoding failed partway (a span whose data threw, say): its spans and
   * half-written fields, so that the next batch neither repeats them nor starts with their bytes.
   */
  void reset() {
    for (Group group : groups) {
      group.spans.clear();
      group.resource = null;
      group.scope = null;
    }
    request.clear();
    resourceSpans.clear();
    scopeSpans.clear();
    span.clear();
    child.clear();
    nested.forEach(ProtoBuffer::clear);
    lastResource = null;
    lastResourceBytes = null;
  }

  /**
   * Gives back what an unusually large batch grew (beyond 4 MB), so that one burst does not pin
   * it for good; batches of the usual size keep their buffers.
   */
  void trim() {
    request.trim(TRIM_ABOVE);
    resourceSpans.trim(TRIM_ABOVE);
    scopeSpans.trim(TRIM_ABOVE);
  }

  /**
   * Puts {@code data} in its group: groups of one resource stay together, ordered by first
   * appearance, as in the SDK's exporter (which groups by equal resource and equal scope).
   */
  private int add(SpanData data, int used) {
    Resource resource = data.getResource();
    InstrumentationScopeInfo scope = data.getInstrumentationScopeInfo();
    int resourceEnd = -1;
    for (int g = 0; g < used; g++) {
      Group group = groups.get(g);
      if (same(group.resource, resource)) {
        if (same(group.scope, scope)) {
          group.spans.add(data);
          return used;
        }
        resourceEnd = g + 1;
      }
    }
    if (groups.size() == used) {
      groups.add(new Group());
    }
    Group group = groups.get(used);
    group.resource = resource;
    group.scope = scope;
    group.spans.add(data);
    if (resourceEnd >= 0 && resourceEnd < used) { // keep this resource's scopes together
      groups.remove(used);
      groups.add(resourceEnd, group);
    }
    return used + 1;
  }

  private static boolean same(Object a, Object b) {
    return a == b || a.equals(b);
  }

  /** The {@code resource} field of ResourceSpans, kept for the resource seen last. */
  private byte[] resourceBytes(Resource resource) {
    if (resource != lastResource) {
      attributes(child, RESOURCE_ATTRIBUTES, resource.getAttributes());
      entityRefs(resource);
      ProtoBuffer field = new ProtoBuffer(child.size() + 8);
      field.message(RESOURCE_SPANS_RESOURCE, child);
      lastResourceBytes = Arrays.copyOf(field.array(), field.size());
      lastResource = resource;
    }
    return lastResourceBytes;
  }

  /**
   * The entities autoconfigure's resource providers describe (the service instance, the host...),
   * as the SDK's exporter sends them: a reference each, naming the resource attributes that
   * identify and describe it.
   */
  private void entityRefs(Resource resource) {
    ProtoBuffer ref = level(0);
    for (Entity entity : EntityUtil.getEntities(resource)) {
      ref.string(ENTITY_REF_SCHEMA_URL, entity.getSchemaUrl());
      ref.string(ENTITY_REF_TYPE, entity.getType());
      for (AttributeKey<?> key : entity.getId().asMap().keySet()) {
        ref.stringAlways(ENTITY_REF_ID_KEYS, key.getKey());
      }
      for (AttributeKey<?> key : entity.getDescription().asMap().keySet()) {
        ref.stringAlways(ENTITY_REF_DESCRIPTION_KEYS, key.getKey());
      }
      child.message(RESOURCE_ENTITY_REFS, ref);
    }
  }

  private void scope(InstrumentationScopeInfo scope) {
    child.string(SCOPE_NAME, scope.getName());
    child.string(SCOPE_VERSION, scope.getVersion());
    attributes(child, SCOPE_ATTRIBUTES, scope.getAttributes());
    scopeSpans.message(SCOPE_SPANS_SCOPE, child);
  }

  private void span(SpanData data) {
    SpanContext context = data.getSpanContext();
    SpanContext parent = data.getParentSpanContext();
    span.hexBytes(SPAN_TRACE_ID, context.getTraceId());
    span.hexBytes(SPAN_SPAN_ID, context.getSpanId());
    traceState(span, SPAN_TRACE_STATE, context.getTraceState());
    if (parent.isValid()) {
      span.hexBytes(SPAN_PARENT_SPAN_ID, parent.getSpanId());
    }
    span.string(SPAN_NAME, data.getName());
    span.uint64(SPAN_KIND, data.getKind().ordinal() + 1L); // INTERNAL is 1 in the proto
    span.fixed64(SPAN_START, data.getStartEpochNanos());
    span.fixed64(SPAN_END, data.getEndEpochNanos());
    Attributes attributes = data.getAttributes();
    attributes(span, SPAN_ATTRIBUTES, attributes);
    span.uint64(SPAN_DROPPED_ATTRIBUTES, data.getTotalAttributeCount() - attributes.size());
    List<EventData> events = data.getEvents();
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      child.fixed64(EVENT_TIME, event.getEpochNanos());
      child.string(EVENT_NAME, event.getName());
      attributes(child, EVENT_ATTRIBUTES, event.getAttributes());
      child.uint64(EVENT_DROPPED_ATTRIBUTES,
          event.getTotalAttributeCount() - event.getAttributes().size());
      span.message(SPAN_EVENTS, child);
    }
    span.uint64(SPAN_DROPPED_EVENTS, data.getTotalRecordedEvents() - events.size());
    List<LinkData> links = data.getLinks();
    for (int i = 0; i < links.size(); i++) {
      LinkData link = links.get(i);
      SpanContext linked = link.getSpanContext();
      child.hexBytes(LINK_TRACE_ID, linked.getTraceId());
      child.hexBytes(LINK_SPAN_ID, linked.getSpanId());
      traceState(child, LINK_TRACE_STATE, linked.getTraceState());
      attributes(child, LINK_ATTRIBUTES, link.getAttributes());
      child.uint64(LINK_DROPPED_ATTRIBUTES,
          link.getTotalAttributeCount() - link.getAttributes().size());
      child.fixed32(LINK_FLAGS, flags(linked, linked.isRemote()));
      span.message(SPAN_LINKS, child);
    }
    span.uint64(SPAN_DROPPED_LINKS, data.getTotalRecordedLinks() - links.size());
    StatusData status = data.getStatus();
    child.string(STATUS_MESSAGE, status.getDescription());
    child.uint64(STATUS_CODE, status.getStatusCode().ordinal()); // UNSET 0, OK 1, ERROR 2
    span.message(SPAN_STATUS, child);
    span.fixed32(SPAN_FLAGS, flags(context, parent.isRemote()));
  }

  private static int flags(SpanContext context, boolean remote) {
    return (context.getTraceFlags().asByte() & 0xFF) | FLAGS_HAS_IS_REMOTE
        | (remote ? FLAGS_IS_REMOTE : 0);
  }

  private static void traceState(ProtoBuffer out, int field, TraceState state) {
    if (state.isEmpty()) {
      return;
    }
    StringBuilder header = new StringBuilder();
    state.forEach((key, value) -> {
      if (header.length() > 0) {
        header.append(',');
      }
      header.append(key).append('=').append(value);
    });
    out.string(field, header.toString());
  }

  /** Each attribute as a KeyValue in field {@code field} of {@code out}. */
  private void attributes(ProtoBuffer out, int field, Attributes attributes) {
    if (attributes.isEmpty()) {
      return;
    }
    attributeWriter.out = out;
    attributeWriter.field = field;
    attributes.forEach(attributeWriter);
    attributeWriter.out = null;
  }

  /**
   * A reused callback for {@link Attributes#forEach}, so that walking them allocates nothing. Typed
   * {@code <Object, Object>} so that javac writes no bridge method: the JIT would compile the
   * bridge and the method each with the whole encoding inlined.
   */
  private final class AttributeWriter implements BiConsumer<Object, Object> {
    ProtoBuffer out;
    int field;

    @Override
    public void accept(Object key, Object value) {
      keyValue(out, field, (AttributeKey<?>) key, value);
    }
  }

  /**
   * A KeyValue. Scalars are sized up front and written once, or copied as they were encoded last
   * time when the key's value repeats (a service sends the same method, route, host and peer over
   * and over); arrays and {@code Value}s are built in a nested buffer first.
   */
  private void keyValue(ProtoBuffer out, int field, AttributeKey<?> key, Object value) {
    EncodedKey encoded = key(key.getKey());
    if (value.equals(encoded.lastValue)) {
      out.lengthDelimitedTag(field);
      out.bytes(encoded.lastKeyValue, encoded.lastLength);
      return;
    }
    byte[] encodedKey = encoded.key;
    int anyLength;
    int stringLength = 0;
    switch (key.getType()) {
      case STRING -> {
        stringLength = ProtoBuffer.utf8Length((String) value);
        anyLength = 1 + varintSize(stringLength) + stringLength;
      }
      case BOOLEAN -> anyLength = 2;
      case LONG -> anyLength = 1 + varintSize((Long) value);
      case DOUBLE -> anyLength = 9;
      default -> {
        ProtoBuffer any = level(0);
        anyValue(any, key, value, 1);
        out.lengthDelimitedTag(field);
        out.varint(encodedKey.length + 1 + varintSize(any.size()) + any.size());
        out.raw(encodedKey, 0, encodedKey.length);
        out.message(KEY_VALUE_VALUE, any);
        return;
      }
    }
    int length = encodedKey.length + 1 + varintSize(anyLength) + anyLength;
    out.lengthDelimitedTag(field);
    out.varint(length);
    int start = out.size();
    out.raw(encodedKey, 0, encodedKey.length);
    out.lengthDelimitedTag(KEY_VALUE_VALUE);
    out.varint(anyLength);
    if (key.getType() == AttributeType.STRING) {
      out.stringAlways(ANY_STRING, (String) value, stringLength); // measured above already
    } else {
      scalar(out, key.getType(), value);
    }
    encoded.remember(value, out.array(), start, length);
  }

  /** The AnyValue of an array or {@code Value} attribute, its fields into {@code any}. */
  private void anyValue(ProtoBuffer any, AttributeKey<?> key, Object value, int depth) {
    AttributeType element = switch (key.getType()) {
      case STRING_ARRAY -> AttributeType.STRING;
      case BOOLEAN_ARRAY -> AttributeType.BOOLEAN;
      case LONG_ARRAY -> AttributeType.LONG;
      case DOUBLE_ARRAY -> AttributeType.DOUBLE;
      default -> null; // VALUE
    };
    if (element == null) {
      value(any, (Value<?>) value, depth);
      return;
    }
    ProtoBuffer array = level(depth);
    for (Object v : (List<?>) value) {
      ProtoBuffer inner = level(depth + 1);
      scalar(inner, element, v);
      array.message(ARRAY_VALUES, inner);
    }
    any.message(ANY_ARRAY, array);
  }

  /** The AnyValue field of a string, boolean, long or double. */
  private static void scalar(ProtoBuffer any, AttributeType type, Object value) {
    switch (type) {
      case STRING -> any.stringAlways(ANY_STRING, (String) value);
      case BOOLEAN -> any.boolAlways(ANY_BOOL, (Boolean) value);
      case LONG -> any.int64Always(ANY_INT, (Long) value);
      default -> any.doubleAlways(ANY_DOUBLE, (Double) value);
    }
  }

  /** The fields of an AnyValue for {@code value} into {@code any}; nesting uses deeper levels. */
  private void value(ProtoBuffer any, Value<?> value, int depth) {
    switch (value.getType()) {
      case STRING -> scalar(any, AttributeType.STRING, value.getValue());
      case BOOLEAN -> scalar(any, AttributeType.BOOLEAN, value.getValue());
      case LONG -> scalar(any, AttributeType.LONG, value.getValue());
      case DOUBLE -> scalar(any, AttributeType.DOUBLE, value.getValue());
      case BYTES -> {
        ByteBuffer bytes = ((ByteBuffer) value.getValue()).duplicate();
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        any.bytes(ANY_BYTES, copy, 0, copy.length);
      }
      case ARRAY -> {
        ProtoBuffer array = level(depth);
        for (Object element : (List<?>) value.getValue()) {
          ProtoBuffer inner = level(depth + 1);
          value(inner, (Value<?>) element, depth + 2);
          array.message(ARRAY_VALUES, inner);
        }
        any.message(ANY_ARRAY, array);
      }
      case KEY_VALUE_LIST -> {
        ProtoBuffer list = level(depth);
        for (Object element : (List<?>) value.getValue()) {
          KeyValue entry = (KeyValue) element;
          ProtoBuffer keyValue = level(depth + 1);
          keyValue.stringAlways(KEY_VALUE_KEY, entry.getKey());
          ProtoBuffer inner = level(depth + 2);
          value(inner, entry.getValue(), depth + 3);
          keyValue.message(KEY_VALUE_VALUE, inner);
          list.message(KVLIST_VALUES, keyValue);
        }
        any.message(ANY_KVLIST, list);
      }
      default -> { } // EMPTY: an AnyValue with no value set
    }
  }

  private ProtoBuffer level(int depth) {
    while (nested.size() <= depth) {
      nested.add(new ProtoBuffer(256));
    }
    return nested.get(depth);
  }

  /** The KeyValue {@code key} field, encoded once per distinct name (up to a bound). */
  private EncodedKey key(String name) {
    EncodedKey encoded = keys.get(name);
    return encoded != null ? encoded : newKey(name);
  }

  /** Out of line: once per name, and the JIT then leaves it out of every attribute's path. */
  private EncodedKey newKey(String name) {
    ProtoBuffer field = new ProtoBuffer(ProtoBuffer.utf8Length(name) + 6);
    field.stringAlways(KEY_VALUE_KEY, name);
    boolean kept = keys.size() < KEY_CACHE_LIMIT;
    EncodedKey encoded = new EncodedKey(Arrays.copyOf(field.array(), field.size()), kept);
    if (kept) {
      keys.put(name, encoded);
    }
    return encoded;
  }

  /**
   * A key's encoded name, and the whole KeyValue of the scalar value it had last (bounded in
   * size, so that the cache stays within {@code KEY_CACHE_LIMIT} times {@code VALUE_CACHE_LIMIT}
   * bytes).
   */
  private static final class EncodedKey {
    final byte[] key;
    /** False beyond {@code KEY_CACHE_LIMIT}: made for one use, so nothing is copied into it. */
    final boolean kept;
    Object lastValue;
    byte[] lastKeyValue = new byte[0];
    int lastLength;

    EncodedKey(byte[] key, boolean kept) {
      this.key = key;
      this.kept = kept;
    }

    void remember(Object value, byte[] from, int start, int length) {
      if (!kept || length > VALUE_CACHE_LIMIT) {
        lastValue = null;
        return;
      }
      if (lastKeyValue.length < length) {
        lastKeyValue = new byte[Math.max(length, 32)];
      }
      System.arraycopy(from, start, lastKeyValue, 0, length);
      lastLength = length;
      lastValue = value;
    }
  }

  /** Bytes of {@code value} as a varint, 1 to 10: seven bits a byte, with no loop to compile. */
  static int varintSize(long value) {
    return (70 - Long.numberOfLeadingZeros(value | 1)) / 7;
  }
}
