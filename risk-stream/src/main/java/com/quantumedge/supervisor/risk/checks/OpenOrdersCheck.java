package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** Open orders (live reservations) would exceed the maximum. */
public final class OpenOrdersCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.OPEN_ORDERS_EXCEEDS_MAX;
    }

    @Override
    public Denial check(OrderContext o) {
        int max = o.limits.maxOpenOrders();
        int open = o.state.reservations().size();
        if (max >= 0 && open + 1 > max) {
            return new Denial(max, open + 1, "open orders " + (open + 1) + " would exceed max " + max);
        }
        return null;
    }
}
