package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** Fat finger: order quantity above the symbol's maximum. */
public final class MaxQuantityCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.QTY_EXCEEDS_MAX;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.symbolLimits.maxOrderQty();
        double qty = o.request.getQuantity();
        if (!Double.isNaN(max) && qty > max) {
            return new Denial(max, qty, "quantity " + qty + " exceeds max " + max);
        }
        return null;
    }
}
