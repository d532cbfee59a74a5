package dev.aotel.sdk.internal.otlp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte buffer that writes the protobuf wire format, reused from one export to the
 * next. Strings are encoded as UTF-8 straight into it, without the {@code byte[]} that {@code
 * String.getBytes} would allocate. A nested message is written into a second buffer and then
 * appended with its length ({@link #message}), which costs one copy and needs no size pass.
 *
 * <p>Internal: not API, may change without notice.
 */
final class ProtoBuffer {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;
  /** Little-endian stores of whole words, as protobuf's fixed64 and fixed32 are laid out. */
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** The largest array the JVM allocates everywhere. */
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private final int initialCapacity;
  private byte[] bytes;
  private int size;

  ProtoBuffer(int capacity) {
    initialCapacity = capacity;
    bytes = new byte[capacity];
  }

  byte[] array() {
    return bytes;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** Empties it, and goes back to its first capacity if it grew beyond {@code limit}. */
  void trim(int limit) {
    if (bytes.length > limit) {
      bytes = new byte[initialCapacity];
    }
    size = 0;
  }

  /**
   * Room for {@code more} bytes. Every write calls it, so the JIT inlines it many times over:
   * only the compare is inlined, and the copy the buffer rarely needs stays in {@link #grow}.
   */
  private void ensure(int more) {
    if (more > bytes.length - size) { // not size + more: that could overflow past the check
      grow(more);
    }
  }

  private void grow(int more) {
    long needed = (long) size + more;
    if (needed > MAX_CAPACITY) { // an int would overflow into a negative size
      throw new IllegalStateException("an OTLP request over " + MAX_CAPACITY + " bytes: "
          + size + " written, " + more + " more; lower OTEL_BSP_MAX_EXPORT_BATCH_SIZE");
    }
    bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_CAPACITY,
        Math.max((long) bytes.length * 2, needed)));
  }

  /**
   * A field's tag. OTLP's field numbers are below 16 but for a span's flags (16), so a tag is
   * nearly always one byte: with the field a constant, the JIT folds this to one store at each of
   * the dozens of places it is inlined, where the varint loop would be compiled again at every one.
   */
  private void tag(int field, int wireType) {
    int tag = (field << 3) | wireType;
    if (tag < 0x80) {
      ensure(1);
      bytes[size++] = (byte) tag;
    } else {
      varint(tag);
    }
  }

  /** The tag of length-delimited field {@code field}, before a length and what it measures. */
  void lengthDelimitedTag(int field) {
    tag(field, LENGTH_DELIMITED);
  }

  void varint(long value) {
    ensure(10);
    while ((value & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[size++] = (byte) value;
  }

  /** A varint field; proto3 leaves zero out. */
  void uint64(int field, long value) {
    if (value != 0) {
      tag(field, VARINT);
      varint(value);
    }
  }

  /** A varint field that is written even when zero (inside {@code oneof}). */
  void int64Always(int field, long value) {
    tag(field, VARINT);
    varint(value);
  }

  /** A bool field that is written even when false (inside {@code oneof}). */
  void boolAlways(int field, boolean value) {
    tag(field, VARINT);
    varint(value ? 1 : 0);
  }

  void fixed64(int field, long value) {
    if (value != 0) {
      fixed64Always(field, value);
    }
  }

  void fixed64Always(int field, long value) {
    tag(field, FIXED64);
    ensure(8);
    LONG.set(bytes, size, value);
    size += 8;
  }

  void fixed32(int field, int value) {
    if (value != 0) {
      tag(field, FIXED32);
      ensure(4);
      INT.set(bytes, size, value);
      size += 4;
    }
  }

  void doubleAlways(int field, double value) {
    fixed64Always(field, Double.doubleToRawLongBits(value));
  }

  /** A string field; proto3 leaves the empty string out. */
  void string(int field, String value) {
    if (value != null && !value.isEmpty()) {
      stringAlways(field, value);
    }
  }

  /** A string field that is written even when empty (inside {@code oneof}). */
  void stringAlways(int field, String value) {
    stringAlways(field, value, utf8Length(value));
  }

  /** {@link #stringAlways(int, String)} when the caller has its UTF-8 length already. */
  void stringAlways(int field, String value, int length) {
    tag(field, LENGTH_DELIMITED);
    varint(length);
    ensure(length);
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes[size++] = (byte) c;
      } else if (c < 0x800) {
        bytes[size++] = (byte) (0xC0 | (c >>> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(++i));
        bytes[size++] = (byte) (0xF0 | (cp >>> 18));
        bytes[size++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
        bytes[size++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        bytes[size++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) encodes it
      } else {
        bytes[size++] = (byte) (0xE0 | (c >>> 12));
        bytes[size++] = (byte) (0x80 | ((c >>> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  static int utf8Length(String value) {
    int n = value.length();
    int length = n;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          length += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          length += 2; // four bytes for the two chars
          i++;
        } else if (!Character.isSurrogate(c)) {
          length += 2;
        }
      }
    }
    return length;
  }

  /** A bytes field from hex (a trace or span id, as the SDK holds them), written as bytes. */
  void hexBytes(int field, String hex) {
    int n = hex.length() / 2;
    tag(field, LENGTH_DELIMITED);
    varint(n);
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[size++] = (byte) ((digit(hex.charAt(2 * i)) << 4) | digit(hex.charAt(2 * i + 1)));
    }
  }

  private static int digit(char c) {
    return c < HEX.length ? HEX[c] : 0;
  }

  /** Hex digit values by character; ids come from the SDK, always valid lower-case hex. */
  private static final byte[] HEX = new byte['g'];

  static {
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
  }

  void bytes(int field, byte[] value, int offset, int length) {
    tag(field, LENGTH_DELIMITED);
    varint(length);
    raw(value, offset, length);
  }

  /** A length-delimited value (after its tag) from {@code value}'s first {@code length} bytes. */
  void bytes(byte[] value, int length) {
    varint(length);
    raw(value, 0, length);
  }

  /** Bytes written as they are: a field encoded earlier and kept. */
  void raw(byte[] value, int offset, int length) {
    ensure(length);
    System.arraycopy(value, offset, bytes, size, length);
    size += length;
  }

  /** Appends {@code nested} as message field {@code field}, then clears it for reuse. */
  void message(int field, ProtoBuffer nested) {
    bytes(field, nested.bytes, 0, nested.size);
    nested.size = 0;
  }
}
