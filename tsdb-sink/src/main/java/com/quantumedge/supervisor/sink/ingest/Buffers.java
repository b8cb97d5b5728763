package com.quantumedge.supervisor.sink.ingest;

import java.nio.ByteBuffer;

/** Kafka keys and values arrive as views into fetched bytes; some uses need a copy of their own. */
final class Buffers {

    private Buffers() {
    }

    /** The remaining bytes of {@code b}, leaving its position alone; null for null. */
    static byte[] copy(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
