package dev.aotel.runtime;

/**
 * The ids of the current span, for log correlation: lowercase hex, 32 and 16 characters, as W3C
 * Trace Context writes them.
 */
public record ActiveSpan(String traceId, String spanId) {}
