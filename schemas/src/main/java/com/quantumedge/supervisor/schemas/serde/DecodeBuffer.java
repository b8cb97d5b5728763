package com.quantumedge.supervisor.schemas.serde;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/** The per-thread binary decoder of {@link AvroSerde}'s fast decoding path, reset onto each value. */
final class DecodeBuffer {

    private static final ThreadLocal<BinaryDecoder> PER_THREAD = new ThreadLocal<>();

    private DecodeBuffer() {
    }

    static BinaryDecoder over(byte[] bytes, int offset) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, PER_THREAD.get());
        PER_THREAD.set(decoder);
        return decoder;
    }
}
