package com.quantumedge.supervisor.risk.account;

import java.util.Objects;

/**
 * Exposure an allowed order holds until it is filled, cancelled, rejected or expires. Immutable. A bot's
 * book is stored whole after every input, so each reservation keeps its stored form once encoded: a bot
 * with many open orders then costs a copy per order on each write, not a string encoding.
 */
public final class Reservation {

    private final String orderKey;
    private final String correlationId;
    private final String symbol;
    private final double signedQty;
    private final double price;
    private final long tsMs;
    private byte[] stored;

    /**
     * @param orderKey      client order id, or the correlation id of the check when the bot sent none
     * @param correlationId correlation id of the check that allowed it (may be null)
     * @param symbol        instrument
     * @param signedQty     remaining quantity, positive for buys, negative for sells
     * @param price         limit price, or the price it was valued at
     * @param tsMs          event time of the check that allowed it
     */
    public Reservation(String orderKey, String correlationId, String symbol, double signedQty, double price, long tsMs) {
        this.orderKey = orderKey;
        this.correlationId = correlationId;
        this.symbol = symbol;
        this.signedQty = signedQty;
        this.price = price;
        this.tsMs = tsMs;
    }

    public String orderKey() {
        return orderKey;
    }

    public String correlationId() {
        return correlationId;
    }

    public String symbol() {
        return symbol;
    }

    public double signedQty() {
        return signedQty;
    }

    public double price() {
        return price;
    }

    public long tsMs() {
        return tsMs;
    }

    public Reservation withSignedQty(double remaining) {
        return new Reservation(orderKey, correlationId, symbol, remaining, price, tsMs);
    }

    /** This reservation as {@link BotRiskStateSerde} stores it; encoded on first use. Never written to. */
    byte[] stored() {
        byte[] bytes = stored;
        if (bytes == null) {
            bytes = BotRiskStateSerde.encode(this);
            stored = bytes;
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reservation r && orderKey.equals(r.orderKey) && Objects.equals(correlationId, r.correlationId)
                && symbol.equals(r.symbol) && Double.compare(signedQty, r.signedQty) == 0
                && Double.compare(price, r.price) == 0 && tsMs == r.tsMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderKey, correlationId, symbol, signedQty, price, tsMs);
    }

    @Override
    public String toString() {
        return "Reservation[orderKey=" + orderKey + ", correlationId=" + correlationId + ", symbol=" + symbol
                + ", signedQty=" + signedQty + ", price=" + price + ", tsMs=" + tsMs + "]";
    }
}
