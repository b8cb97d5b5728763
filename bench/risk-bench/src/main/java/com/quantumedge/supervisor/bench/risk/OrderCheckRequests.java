package com.quantumedge.supervisor.bench.risk;

import java.util.Random;
import java.util.UUID;

import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.avro.OrderType;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * A rotation of encoded order requests for one bot whose event time advances by {@link #STEP_MS} per
 * request without re-encoding them: the timestamp is rewritten in place in the Avro bytes, so the
 * benchmark measures the topology, not the client's encoder.
 */
final class OrderCheckRequests {

    static final long STEP_MS = 1_000;
    static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
    static final double[] PRICES = {60_000, 3_000, 150};

    /** Marker {@code C3 01} and the 8-byte schema fingerprint of Avro single-object encoding. */
    private static final int SINGLE_OBJECT_HEADER_BYTES = 10;

    private final byte[][] encoded;
    private final int[] timestampOffsets;
    private final int timestampWidth;
    private long nextTsMs;
    private int next;

    OrderCheckRequests(String botId, long firstTsMs, int count, long seed) {
        Random random = new Random(seed);
        encoded = new byte[count][];
        timestampOffsets = new int[count];
        for (int i = 0; i < count; i++) {
            encoded[i] = Topics.ORDER_REQUESTS.valueSerde().serializer().serialize(Topics.ORDER_REQUESTS.name(),
                    request(botId, firstTsMs, i, random));
            timestampOffsets[i] = timestampOffset(encoded[i]);
        }
        timestampWidth = zigZagVarIntWidth(firstTsMs);
        nextTsMs = firstTsMs;
    }

    /** Limit and market orders over three symbols, both sides, some with leverage; all pass generous limits. */
    static OrderRequest request(String botId, long tsMs, int i, Random random) {
        int s = i % SYMBOLS.length;
        boolean market = i % 4 == 0;
        return OrderRequest.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()).toString()).setBotId(botId).setTsMs(tsMs)
                .setCorrelationId(new UUID(random.nextLong(), random.nextLong()).toString())
                .setClientOrderId("bench-" + i).setSymbol(SYMBOLS[s])
                .setSide(i % 2 == 0 ? Side.BUY : Side.SELL).setOrderType(market ? OrderType.MARKET : OrderType.LIMIT)
                .setQuantity(0.01 * (1 + i % 7)).setPrice(market ? null : PRICES[s] * (1 + (i % 5 - 2) * 0.001))
                .setLeverage(i % 3 == 0 ? 5.0 : null).setReplyTo("bench")
                .build();
    }

    long nextTsMs() {
        return nextTsMs;
    }

    /** The next request of the rotation, stamped with the next event time; valid until the next call. */
    byte[] next() {
        byte[] bytes = encoded[next];
        writeZigZagVarInt(bytes, timestampOffsets[next], timestampWidth, nextTsMs);
        next = next + 1 == encoded.length ? 0 : next + 1;
        nextTsMs += STEP_MS;
        return bytes;
    }

    /** ts_ms follows event_id and bot_id, each a zig-zag varint length and UTF-8 bytes. */
    private static int timestampOffset(byte[] bytes) {
        int pos = SINGLE_OBJECT_HEADER_BYTES;
        for (int field = 0; field < 2; field++) {
            long zigZag = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[pos++];
                zigZag |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            pos += (int) (zigZag >>> 1);
        }
        return pos;
    }

    private static int zigZagVarIntWidth(long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        int width = 1;
        while ((zigZag >>>= 7) != 0) {
            width++;
        }
        return width;
    }

    private static void writeZigZagVarInt(byte[] bytes, int offset, int width, long value) {
        if (zigZagVarIntWidth(value) != width) {
            throw new IllegalStateException("event time " + value + " no longer fits the encoded width " + width);
        }
        long zigZag = (value << 1) ^ (value >> 63);
        for (int i = 0; i < width - 1; i++) {
            bytes[offset + i] = (byte) ((zigZag & 0x7f) | 0x80);
            zigZag >>>= 7;
        }
        bytes[offset + width - 1] = (byte) zigZag;
    }
}
