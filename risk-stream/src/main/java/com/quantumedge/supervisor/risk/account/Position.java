package com.quantumedge.supervisor.risk.account;

/**
 * One symbol of one bot: signed quantity with average entry and realized PnL, the open-order
 * quantity reserved on each side, and the last known prices with their event time.
 */
public final class Position {

    double qty;
    double avgPrice;
    double realizedPnl;
    double reservedBuyQty;
    double reservedSellQty;
    double lastPrice = Double.NaN;
    long lastPriceTsMs;
    double lastLimitPrice = Double.NaN;

    public double qty() {
        return qty;
    }

    public double avgPrice() {
        return avgPrice;
    }

    public double realizedPnl() {
        return realizedPnl;
    }

    public double reservedBuyQty() {
        return reservedBuyQty;
    }

    public double reservedSellQty() {
        return reservedSellQty;
    }

    /** Last market price (heartbeat mark or fill), NaN when none was seen. */
    public double lastPrice() {
        return lastPrice;
    }

    public long lastPriceTsMs() {
        return lastPriceTsMs;
    }

    public double lastLimitPrice() {
        return lastLimitPrice;
    }

    /** Price to value this symbol's exposure with: last market price, else average entry, else last limit price, else 0. */
    public double valuationPrice() {
        if (!Double.isNaN(lastPrice)) {
            return lastPrice;
        }
        if (qty != 0 && avgPrice > 0) {
            return avgPrice;
        }
        return Double.isNaN(lastLimitPrice) ? 0 : lastLimitPrice;
    }

    /**
     * Worst-case quantity if every reserved order on one side fills: max(|qty + buys|, |qty - sells|),
     * after adding {@code extraSignedQty} (an order being checked) to its side.
     */
    public double worstCaseQty(double extraSignedQty) {
        double buys = reservedBuyQty + Math.max(extraSignedQty, 0);
        double sells = reservedSellQty + Math.max(-extraSignedQty, 0);
        return Math.max(Math.abs(qty + buys), Math.abs(qty - sells));
    }

    public void markPrice(double price, long tsMs) {
        if (price > 0 && tsMs >= lastPriceTsMs) {
            lastPrice = price;
            lastPriceTsMs = tsMs;
        }
    }

    void forceQuantity(double newQty, double newAvg) {
        qty = newQty;
        avgPrice = newAvg;
    }

    boolean isEmpty() {
        return qty == 0 && reservedBuyQty <= 0 && reservedSellQty <= 0 && realizedPnl == 0;
    }
}
