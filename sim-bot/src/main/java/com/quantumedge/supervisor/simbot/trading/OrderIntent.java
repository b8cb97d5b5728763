package com.quantumedge.supervisor.simbot.trading;

/** An order the strategy wants to place; it goes to the gateway's order check before it may fill. */
public record OrderIntent(String clientOrderId, String symbol, Side side, String orderType, double qty, double price,
        double leverage, boolean reduceOnly) {

    public double notional() {
        return qty * price;
    }
}
