package com.quantumedge.supervisor.sink.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of rows in ClickHouse's RowBinary format: little-endian numbers, strings as a
 * LEB128 length and UTF-8 bytes, Nullable as one null-flag byte before the value. Exact for
 * Float64, unlike the text formats on 18.16.
 */
public final class RowBinary {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;
    private final int growthLimit;

    public RowBinary(int initialCapacity) {
        this(initialCapacity, Integer.MAX_VALUE);
    }

    /**
     * A buffer that doubles as it fills but stops at {@code growthLimit} bytes on the way (and
     * doubles again only past it): a batch limited to N bytes does not hold a buffer of 2N.
     */
    public RowBinary(int initialCapacity, int growthLimit) {
        buf = new byte[Math.max(64, initialCapacity)];
        this.growthLimit = growthLimit;
    }

    public byte[] array() {
        return buf;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    /** Drops everything written after {@code size}: a row that failed half way leaves no trace. */
    public void truncate(int size) {
        this.size = size;
    }

    public void writeString(CharSequence value) {
        byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
        writeVarUInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    /** A String value whose UTF-8 bytes are {@code length} bytes of {@code utf8} from {@code offset}. */
    public void writeString(byte[] utf8, int offset, int length) {
        writeVarUInt(length);
        writeRaw(utf8, offset, length);
    }

    /** Bytes as they are, e.g. a value already in RowBinary form. */
    public void writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
    }

    public void writeVarUInt(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    public void writeUInt8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
    }

    public void writeBoolean(boolean value) {
        writeUInt8(value ? 1 : 0);
    }

    public void writeInt32(int value) {
        ensure(4);
        INTS.set(buf, size, value);
        size += 4;
    }

    public void writeInt64(long value) {
        ensure(8);
        LONGS.set(buf, size, value);
        size += 8;
    }

    public void writeFloat64(double value) {
        writeInt64(Double.doubleToRawLongBits(value));
    }

    public void writeFloat32(float value) {
        writeInt32(Float.floatToRawIntBits(value));
    }

    /** DateTime: seconds since the epoch as UInt32. */
    public void writeDateTime(long epochMillis) {
        writeInt32((int) Math.floorDiv(epochMillis, 1000L));
    }

    /** The Nullable prefix: true means the value follows, false means null and nothing follows. */
    public void writePresent(boolean present) {
        writeUInt8(present ? 0 : 1);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            grow(more);
        }
    }

    /** Out of line, so that the check above stays small enough to be inlined into every write. */
    private void grow(int more) {
        long needed = (long) size + more;
        long doubled = 2L * buf.length;
        long target = buf.length < growthLimit && doubled > growthLimit && needed <= growthLimit ? growthLimit : doubled;
        buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(target, needed)));
    }
}
