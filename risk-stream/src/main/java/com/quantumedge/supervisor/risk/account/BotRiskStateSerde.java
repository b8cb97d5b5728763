package com.quantumedge.supervisor.risk.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.TradingState;

/**
 * Compact binary form of {@link BotRiskState} for the changelogged store. Internal to this service
 * (never on a contract topic), so it is versioned by a leading format byte instead of Avro.
 * Format 2 is format 1 plus a trailing llm-paused byte; format 1 (written before the advisor
 * existed) still reads, as not llm-paused.
 */
public final class BotRiskStateSerde implements Serde<BotRiskState>, Serializer<BotRiskState>, Deserializer<BotRiskState> {

    private static final byte FORMAT = 2;
    private static final byte FORMAT_WITHOUT_LLM_PAUSED = 1;

    @Override
    public byte[] serialize(String topic, BotRiskState s) {
        if (s == null) {
            return null;
        }
        StateWriter out = StateWriter.start();
        out.writeByte(FORMAT);
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
        s.storedReservations.writeTo(out, s.reservations.values());
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
        return out.toBytes();
    }

    /** One reservation in the stored form: order key, nullable correlation id, symbol, quantity, price, time. */
    static byte[] encode(Reservation r) {
        byte[] orderKey = r.orderKey().getBytes(StandardCharsets.UTF_8);
        byte[] correlationId = r.correlationId() == null ? null : r.correlationId().getBytes(StandardCharsets.UTF_8);
        byte[] symbol = r.symbol().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + orderKey.length + 1 + (correlationId == null ? 0 : 4 + correlationId.length)
                + 4 + symbol.length + 8 + 8 + 8);
        out.putInt(orderKey.length).put(orderKey);
        out.put((byte) (correlationId == null ? 0 : 1));
        if (correlationId != null) {
            out.putInt(correlationId.length).put(correlationId);
        }
        out.putInt(symbol.length).put(symbol);
        out.putDouble(r.signedQty()).putDouble(r.price()).putLong(r.tsMs());
        return out.array();
    }

    @Override
    public BotRiskState deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            byte format = in.get();
            if (format != FORMAT && format != FORMAT_WITHOUT_LLM_PAUSED) {
                throw new SerializationException("Unknown risk state format " + format);
            }
            BotRiskState s = new BotRiskState(StateWriter.readString(in));
            s.sequence = in.getLong();
            s.tradingState = TradingState.values()[in.get()];
            s.stateReason = StateWriter.readNullable(in);
            s.stateSinceMs = in.getLong();
            String cause = StateWriter.readNullable(in);
            s.haltCause = cause == null ? null : DecisionCode.valueOf(cause);
            s.entriesPaused = (in.get() != 0);
            s.riskMultiplier = in.getDouble();
            s.equity = in.getDouble();
            s.peakEquity = in.getDouble();
            s.dayStartEquity = in.getDouble();
            s.tradingDay = in.getLong();
            s.realizedPnlToday = in.getDouble();
            s.lastHeartbeatMs = in.getLong();
            int positions = in.getInt();
            for (int i = 0; i < positions; i++) {
                Position p = new Position();
                String symbol = StateWriter.readString(in);
                p.qty = in.getDouble();
                p.avgPrice = in.getDouble();
                p.realizedPnl = in.getDouble();
                p.reservedBuyQty = in.getDouble();
                p.reservedSellQty = in.getDouble();
                p.lastPrice = in.getDouble();
                p.lastPriceTsMs = in.getLong();
                p.lastLimitPrice = in.getDouble();
                s.positions.put(symbol, p);
            }
            int reservations = in.getInt();
            for (int i = 0; i < reservations; i++) {
                Reservation r = new Reservation(StateWriter.readString(in), StateWriter.readNullable(in), StateWriter.readString(in), in.getDouble(),
                        in.getDouble(), in.getLong());
                s.restoreReservation(r);
            }
            int submits = in.getInt();
            for (int i = 0; i < submits; i++) {
                s.submitTimes.add(in.getLong());
            }
            int offsets = in.getInt();
            for (int i = 0; i < offsets; i++) {
                s.appliedOffsets.put(StateWriter.readString(in), in.getLong());
            }
            int mismatched = in.getInt();
            for (int i = 0; i < mismatched; i++) {
                s.mismatchedSymbols.add(StateWriter.readString(in));
            }
            s.llmPaused = format == FORMAT && in.get() != 0;
            return s;
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot decode risk state: " + e.getMessage(), e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure.
    }

    @Override
    public void close() {
        // Stateless.
    }

    @Override
    public Serializer<BotRiskState> serializer() {
        return this;
    }

    @Override
    public Deserializer<BotRiskState> deserializer() {
        return this;
    }
}
