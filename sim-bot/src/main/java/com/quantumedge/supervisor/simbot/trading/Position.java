package com.quantumedge.supervisor.simbot.trading;

/** Signed quantity (positive long, negative short) and the average entry price of what is open. */
public record Position(String symbol, double qty, double avgPrice) {

    public double unrealizedPnl(double markPrice) {
        return qty * (markPrice - avgPrice);
    }
}
