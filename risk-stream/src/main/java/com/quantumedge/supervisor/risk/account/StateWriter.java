package com.quantumedge.supervisor.risk.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian buffer: the state is written on every input, so no streams and no locks. */
final class StateWriter {

    private ByteBuffer buffer = ByteBuffer.allocate(512);

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }

    void writeByte(int v) {
        room(1).put((byte) v);
    }

    void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    void writeInt(int v) {
        room(4).putInt(v);
    }

    void writeLong(long v) {
        room(8).putLong(v);
    }

    void writeDouble(double v) {
        room(8).putDouble(v);
    }

    void writeString(String v) {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        room(4 + bytes.length).putInt(bytes.length).put(bytes);
    }

    void writeNullable(String v) {
        writeBoolean(v != null);
        if (v != null) {
            writeString(v);
        }
    }

    byte[] toBytes() {
        return Arrays.copyOf(buffer.array(), buffer.position());
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
