package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** Order notional above the symbol's maximum (absolute, else a share of equity) scaled by the risk multiplier. */
public final class MaxNotionalCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.NOTIONAL_EXCEEDS_MAX;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.symbolLimits.orderNotionalLimit(o.state.equity());
        if (Double.isNaN(max)) {
            return null;
        }
        double scaled = max * o.state.riskMultiplier();
        if (o.notional > scaled) {
            String basis = Double.isNaN(o.symbolLimits.maxOrderNotional())
                    ? o.symbolLimits.maxOrderNotionalPctEquity() + "% of equity " + o.state.equity() : Double.toString(max);
            return new Denial(scaled, o.notional, "notional " + o.notional + " exceeds max " + scaled
                    + " (" + basis + " x multiplier " + o.state.riskMultiplier() + ")");
        }
        return null;
    }
}
