package com.quantumedge.supervisor.sink.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of rows in ClickHouse's RowBinary format: little-endian numbers, strings as a
 * LEB128 length and UTF-8 bytes, Nullable as one null-flag byte before the value. Exact for
 * Float64, unlike the text formats on 18.16.
 */
public final class RowBinary {

    private byte[] buf;
    private int size;

    public RowBinary(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
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
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
    }

    public void writeInt64(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
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
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
