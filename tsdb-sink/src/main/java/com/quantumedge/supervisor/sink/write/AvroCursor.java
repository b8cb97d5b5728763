package com.quantumedge.supervisor.sink.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads Avro binary values from a byte range as Avro's own decoder does, but gives up (throws
 * {@link NotHandled}) on anything the decoder might read differently or reject: truncated values,
 * negative lengths, over-long varints, malformed UTF-8. Whoever gives up leaves the value to
 * Avro's decoder, which then decides exactly as before.
 */
final class AvroCursor {

    /** Giving up is a normal outcome here, not an error: one shared instance, no stack trace. */
    static final class NotHandled extends RuntimeException {
        static final NotHandled INSTANCE = new NotHandled();

        private NotHandled() {
            super("left to the Avro decoder", null, false, false);
        }
    }

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] in;
    int pos;
    int end;

    void reset(byte[] bytes, int offset, int length) {
        in = bytes;
        pos = offset;
        end = offset + length;
    }

    int remaining() {
        return end - pos;
    }

    int readByte() {
        if (pos >= end) {
            throw NotHandled.INSTANCE;
        }
        return in[pos++] & 0xFF;
    }

    /** Zig-zag varint of at most 5 bytes whose last byte carries no bits beyond 32. */
    int readInt() {
        int n = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            if (shift == 28 && b > 0x0F) {
                throw NotHandled.INSTANCE;
            }
            n |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw NotHandled.INSTANCE;
    }

    /** Zig-zag varint of at most 10 bytes whose last byte carries no bits beyond 64. */
    long readLong() {
        long n = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            if (shift == 63 && b > 0x01) {
                throw NotHandled.INSTANCE;
            }
            n |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw NotHandled.INSTANCE;
    }

    int readFixed32() {
        if (end - pos < 4) {
            throw NotHandled.INSTANCE;
        }
        int n = (int) INTS.get(in, pos);
        pos += 4;
        return n;
    }

    long readFixed64() {
        if (end - pos < 8) {
            throw NotHandled.INSTANCE;
        }
        long n = (long) LONGS.get(in, pos);
        pos += 8;
        return n;
    }

    /** A union branch or enum symbol index, checked against the number of choices. */
    int readIndex(int choices) {
        int i = readInt();
        if (i < 0 || i >= choices) {
            throw NotHandled.INSTANCE;
        }
        return i;
    }

    /** The length of a string; the cursor is left at its first byte, which the bytes must be valid UTF-8 from. */
    int readStringLength() {
        long length = readLong();
        if (length < 0 || length > end - pos) {
            throw NotHandled.INSTANCE;
        }
        int n = (int) length;
        requireUtf8(pos, n);
        return n;
    }

    /** Item count of the next array or map block (a negative count is followed by the block's byte size). */
    long readBlockCount() {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        // Every item takes at least a byte in our schemas: a larger count is malformed (or a bomb).
        if (count < 0 || count > end - pos) {
            throw NotHandled.INSTANCE;
        }
        return count;
    }

    void skip(int n) {
        pos += n;
    }

    /** Well-formed UTF-8 only: Java's decoder would replace anything else, so the bytes would not be the text. */
    private void requireUtf8(int from, int length) {
        int i = from;
        int stop = from + length;
        // Eight ASCII bytes at a time: nearly all our text is ASCII.
        while (i + 8 <= stop && ((long) LONGS.get(in, i) & 0x8080_8080_8080_8080L) == 0) {
            i += 8;
        }
        while (i < stop) {
            int b = in[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                throw NotHandled.INSTANCE;
            }
            if (stop - i <= extra) {
                throw NotHandled.INSTANCE;
            }
            int cp = b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = in[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    throw NotHandled.INSTANCE;
                }
                cp = cp << 6 | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw NotHandled.INSTANCE;
            }
            i += extra + 1;
        }
    }
}
