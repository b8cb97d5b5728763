package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** An order flagged reduce-only that would grow or flip the position. */
public final class ReduceOnlyCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.REDUCE_ONLY_WOULD_INCREASE;
    }

    @Override
    public Denial check(OrderContext o) {
        if (o.request.getIsReduceOnly() && o.growsOrFlips) {
            return new Denial(Math.abs(o.positionQty), Math.abs(o.positionQtyAfter),
                    "reduce-only order would take position " + o.positionQty + " to " + o.positionQtyAfter);
        }
        return null;
    }
}
