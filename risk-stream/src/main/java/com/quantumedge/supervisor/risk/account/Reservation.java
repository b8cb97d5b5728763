package com.quantumedge.supervisor.risk.account;

/**
 * Exposure an allowed order holds until it is filled, cancelled, rejected or expires.
 *
 * @param orderKey      client order id, or the correlation id of the check when the bot sent none
 * @param signedQty     remaining quantity, positive for buys, negative for sells
 * @param price         limit price, or the price it was valued at
 * @param tsMs          event time of the check that allowed it
 */
public record Reservation(String orderKey, String correlationId, String symbol, double signedQty, double price, long tsMs) {

    public Reservation withSignedQty(double remaining) {
        return new Reservation(orderKey, correlationId, symbol, remaining, price, tsMs);
    }
}
