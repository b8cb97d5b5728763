package com.quantumedge.supervisor.risk.account;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian buffer. The state is written whole on every input, so each thread reuses one
 * buffer (the serde is shared by every task of the topology), and keeps the UTF-8 form of the strings
 * it wrote last: nearly every string of a state (bot id, symbols, input partitions)
 * is the same String object as in the previous write. The only allocation is the result.
 */
final class StateWriter {

    private static final ThreadLocal<StateWriter> PER_THREAD = ThreadLocal.withInitial(StateWriter::new);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int INITIAL_BYTES = 1024;
    /** A thread keeps a buffer up to this size; one grown past it for an unusually large state is dropped. */
    private static final int MAX_RETAINED_BYTES = 64 * 1024;

    private final RecentStrings recentStrings = new RecentStrings();
    private byte[] buffer = new byte[INITIAL_BYTES];
    private int position;

    private StateWriter() {
    }

    /** This thread's writer, emptied. Not reentrant: finish with {@link #toBytes()} before the next call. */
    static StateWriter start() {
        StateWriter writer = PER_THREAD.get();
        writer.position = 0;
        return writer;
    }

    private void room(int bytes) {
        if (buffer.length - position < bytes) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }

    void writeByte(int v) {
        room(1);
        buffer[position++] = (byte) v;
    }

    void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    void writeInt(int v) {
        room(4);
        INT.set(buffer, position, v);
        position += 4;
    }

    void writeLong(long v) {
        room(8);
        LONG.set(buffer, position, v);
        position += 8;
    }

    /** The raw bits, NaN payloads included, as {@code ByteBuffer.putDouble} writes them. */
    void writeDouble(double v) {
        writeLong(Double.doubleToRawLongBits(v));
    }

    /** UTF-8 byte length, then the bytes. */
    void writeString(String v) {
        byte[] utf8 = recentStrings.utf8(v);
        writeInt(utf8.length);
        writeBytes(utf8);
    }

    /** The bytes as they are, no length. */
    void writeBytes(byte[] v) {
        writeBytes(v, 0, v.length);
    }

    void writeBytes(byte[] v, int offset, int length) {
        room(length);
        System.arraycopy(v, offset, buffer, position, length);
        position += length;
    }

    void writeNullable(String v) {
        writeBoolean(v != null);
        if (v != null) {
            writeString(v);
        }
    }

    byte[] toBytes() {
        byte[] bytes = Arrays.copyOf(buffer, position);
        if (buffer.length > MAX_RETAINED_BYTES) {
            buffer = new byte[INITIAL_BYTES];
        }
        return bytes;
    }

    static String readString(ByteBuffer in) {
        int length = in.getInt();
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    static String readNullable(ByteBuffer in) {
        return in.get() != 0 ? readString(in) : null;
    }
}
