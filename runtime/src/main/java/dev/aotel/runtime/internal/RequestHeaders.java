package dev.aotel.runtime.internal;

import dev.aotel.runtime.AttributeKey;
import dev.aotel.runtime.AttributeList;
import dev.aotel.runtime.HttpHeader;
import dev.aotel.runtime.SemconvKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Which request headers to carry into an operation's map, prepared once per attach so that a
 * request is read in one pass over its headers: fast headers are found with {@link
 * HttpHeader#lookup} (no allocation), only pooled names need a lookup by name.
 */
final class RequestHeaders {
  private final AttributeKey[] byHeader = new AttributeKey[HttpHeader.values().length];
  private final List<SemconvKey> pooled = new ArrayList<>();

  private RequestHeaders() {}

  static RequestHeaders of(AttributeList keys) {
    RequestHeaders plan = new RequestHeaders();
    for (SemconvKey key : keys) {
      if (key.header() != null && key instanceof AttributeKey known) {
        plan.byHeader[key.header().ordinal()] = known;
      } else if (key.headerName() != null) {
        plan.pooled.add(key);
      }
    }
    return plan;
  }

  /** The key to record this fast header under, or null when nobody wants it. */
  AttributeKey keyFor(HttpHeader header) {
    return byHeader[header.ordinal()];
  }

  /** The wanted headers that are not fast headers, looked up by name. */
  List<SemconvKey> pooled() {
    return pooled;
  }
}
