package com.quantumedge.supervisor.risk.account;

/**
 * Applies a fill to a position: quantity is the sum of signed fills; the average entry moves only
 * when the position grows; closing quantity realizes (price - average) times the closed size.
 * A fill that flips the position closes it and opens the remainder at the fill price.
 */
public final class PositionAccounting {

    /** Below this a quantity is zero: doubles do not sum exactly. */
    public static final double EPSILON = 1e-12;

    private PositionAccounting() {
    }

    /** @return the PnL this fill realized (before fees) */
    public static double applyFill(Position p, double signedQty, double price) {
        double q0 = p.qty;
        double q1 = q0 + signedQty;
        double realized = 0;
        if (q0 == 0 || Math.signum(q0) == Math.signum(signedQty)) {
            double size = Math.abs(q0) + Math.abs(signedQty);
            p.avgPrice = size == 0 ? 0 : (Math.abs(q0) * p.avgPrice + Math.abs(signedQty) * price) / size;
        } else {
            double closed = Math.min(Math.abs(q0), Math.abs(signedQty));
            realized = closed * (price - p.avgPrice) * Math.signum(q0);
            if (Math.abs(signedQty) > Math.abs(q0) + EPSILON) {
                p.avgPrice = price;
            }
        }
        if (Math.abs(q1) < EPSILON) {
            q1 = 0;
            p.avgPrice = 0;
        }
        p.qty = q1;
        p.realizedPnl += realized;
        return realized;
    }

    /** PnL of the open quantity at {@code price}. */
    public static double unrealized(Position p, double price) {
        return p.qty == 0 ? 0 : p.qty * (price - p.avgPrice);
    }
}
