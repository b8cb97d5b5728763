package com.quantumedge.supervisor.risk.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * {@link BotRiskStateSerde#serialize} as it was before it reused buffers and cached encoded strings
 * (a new {@code ByteBuffer} per state, {@code getBytes} per string): the reference the stored bytes
 * must keep equal, since changelogs and restored stores hold them.
 */
final class ByteBufferStateFormat {

    private ByteBuffer buffer = ByteBuffer.allocate(512);

    static byte[] serialize(BotRiskState s) {
        ByteBufferStateFormat out = new ByteBufferStateFormat();
        out.writeByte(2);
        out.writeString(s.botId);
        out.writeLong(s.sequence);
        out.writeByte(s.tradingState.ordinal());
        out.writeNullable(s.stateReason);
        out.writeLong(s.stateSinceMs);
        out.writeNullable(s.haltCause == null ? null : s.haltCause.name());
        out.writeBoolean(s.entriesPaused);
        out.writeDouble(s.riskMultiplier);
        out.writeDouble(s.equity);
        out.writeDouble(s.peakEquity);
        out.writeDouble(s.dayStartEquity);
        out.writeLong(s.tradingDay);
        out.writeDouble(s.realizedPnlToday);
        out.writeLong(s.lastHeartbeatMs);
        out.writeInt(s.positions.size());
        for (Map.Entry<String, Position> e : s.positions.entrySet()) {
            Position p = e.getValue();
            out.writeString(e.getKey());
            out.writeDouble(p.qty);
            out.writeDouble(p.avgPrice);
            out.writeDouble(p.realizedPnl);
            out.writeDouble(p.reservedBuyQty);
            out.writeDouble(p.reservedSellQty);
            out.writeDouble(p.lastPrice);
            out.writeLong(p.lastPriceTsMs);
            out.writeDouble(p.lastLimitPrice);
        }
        out.writeInt(s.reservations.size());
        for (Reservation r : s.reservations.values()) {
            out.writeString(r.orderKey());
            out.writeNullable(r.correlationId());
            out.writeString(r.symbol());
            out.writeDouble(r.signedQty());
            out.writeDouble(r.price());
            out.writeLong(r.tsMs());
        }
        out.writeInt(s.submitTimes.size());
        for (int i = 0; i < s.submitTimes.size(); i++) {
            out.writeLong(s.submitTimes.get(i));
        }
        out.writeInt(s.appliedOffsets.size());
        for (Map.Entry<String, Long> e : s.appliedOffsets.entrySet()) {
            out.writeString(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeInt(s.mismatchedSymbols.size());
        for (String symbol : s.mismatchedSymbols) {
            out.writeString(symbol);
        }
        out.writeBoolean(s.llmPaused);
        return Arrays.copyOf(out.buffer.array(), out.buffer.position());
    }

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
            buffer.flip();
            bigger.put(buffer);
            buffer = bigger;
        }
        return buffer;
    }

    private void writeByte(int v) {
        room(1).put((byte) v);
    }

    private void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    private void writeInt(int v) {
        room(4).putInt(v);
    }

    private void writeLong(long v) {
        room(8).putLong(v);
    }

    private void writeDouble(double v) {
        room(8).putDouble(v);
    }

    private void writeString(String v) {
        byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
        room(4 + bytes.length).putInt(bytes.length).put(bytes);
    }

    private void writeNullable(String v) {
        writeBoolean(v != null);
        if (v != null) {
            writeString(v);
        }
    }
}
