package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** Order notional above the symbol's maximum scaled by the risk multiplier. */
public final class MaxNotionalCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.NOTIONAL_EXCEEDS_MAX;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.symbolLimits.maxOrderNotional();
        if (Double.isNaN(max)) {
            return null;
        }
        double scaled = max * o.state.riskMultiplier();
        if (o.notional > scaled) {
            return new Denial(scaled, o.notional, "notional " + o.notional + " exceeds max " + scaled
                    + " (" + max + " x multiplier " + o.state.riskMultiplier() + ")");
        }
        return null;
    }
}
