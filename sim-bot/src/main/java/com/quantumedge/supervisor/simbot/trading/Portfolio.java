package com.quantumedge.supervisor.simbot.trading;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Positions, realized PnL and equity built only from the bot's own fills: a fill that adds to a
 * position moves its average price, one that reduces it realizes PnL against that average, one
 * that crosses zero does both. Fees are paid out of realized PnL.
 */
public final class Portfolio {

    private static final double EPSILON = 1e-12;

    private final double startingEquity;
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private double realizedPnl;
    private double feesPaid;

    public Portfolio(double startingEquity) {
        this.startingEquity = startingEquity;
    }

    public void apply(Fill fill) {
        if (!(fill.qty() > 0)) {
            throw new IllegalArgumentException("fill quantity must be positive: " + fill);
        }
        Position before = position(fill.symbol());
        double signed = fill.side().sign() * fill.qty();
        double qty = before.qty();
        double avg = before.avgPrice();
        if (qty == 0 || Math.signum(qty) == Math.signum(signed)) {
            double newQty = qty + signed;
            avg = (Math.abs(qty) * avg + Math.abs(signed) * fill.price()) / Math.abs(newQty);
            qty = newQty;
        } else {
            double closed = Math.min(Math.abs(qty), Math.abs(signed));
            realizedPnl += closed * Math.signum(qty) * (fill.price() - avg);
            double newQty = qty + signed;
            if (Math.abs(newQty) < EPSILON) {
                qty = 0;
                avg = 0;
            } else if (Math.signum(newQty) != Math.signum(qty)) {
                qty = newQty;
                avg = fill.price();
            } else {
                qty = newQty;
            }
        }
        realizedPnl -= fill.fee();
        feesPaid += fill.fee();
        if (qty == 0) {
            positions.remove(fill.symbol());
        } else {
            positions.put(fill.symbol(), new Position(fill.symbol(), qty, avg));
        }
    }

    public Position position(String symbol) {
        return positions.getOrDefault(symbol, new Position(symbol, 0, 0));
    }

    public Collection<Position> openPositions() {
        return List.copyOf(positions.values());
    }

    /** Realized PnL net of fees. */
    public double realizedPnl() {
        return realizedPnl;
    }

    public double feesPaid() {
        return feesPaid;
    }

    public double unrealizedPnl(Map<String, Double> markPrices) {
        double sum = 0;
        for (Position p : positions.values()) {
            sum += p.unrealizedPnl(markPrices.getOrDefault(p.symbol(), p.avgPrice()));
        }
        return sum;
    }

    public double equity(Map<String, Double> markPrices) {
        return startingEquity + realizedPnl + unrealizedPnl(markPrices);
    }
}
