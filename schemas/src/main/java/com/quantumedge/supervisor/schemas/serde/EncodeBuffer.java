package com.quantumedge.supervisor.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecordBase;

/** A per-thread, unsynchronized output for {@link AvroSerde}'s fast encoding path. */
final class EncodeBuffer extends OutputStream {

    private static final ThreadLocal<EncodeBuffer> PER_THREAD = ThreadLocal.withInitial(EncodeBuffer::new);

    private byte[] buffer = new byte[1024];
    private int count;
    private final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

    /** The single-object encoding of {@code value}, or null when its generated encoder refuses it. */
    static byte[] encode(byte[] header, SpecificRecordBase value) {
        EncodeBuffer out = PER_THREAD.get();
        try {
            out.count = 0;
            out.write(header, 0, header.length);
            value.customEncode(out.encoder);
            out.encoder.flush();
            return Arrays.copyOf(out.buffer, out.count);
        } catch (IOException | RuntimeException e) {
            // The encoder may hold half a record: the next one starts with a fresh buffer.
            PER_THREAD.remove();
            return null;
        }
    }

    @Override
    public void write(int b) {
        room(1);
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        room(length);
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    private void room(int bytes) {
        if (buffer.length - count < bytes) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + bytes));
        }
    }
}
