package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

import com.quantumedge.supervisor.avro.TradingState;

/** REDUCING: an order passes only if the position's absolute size does not grow and its sign does not flip. */
public final class ReducingStateCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.REDUCING_STATE;
    }

    @Override
    public Denial check(OrderContext o) {
        if (o.state.tradingState() == TradingState.REDUCING && o.growsOrFlips) {
            return new Denial(Math.abs(o.positionQty), Math.abs(o.positionQtyAfter),
                    "reducing only: position " + o.positionQty + " would become " + o.positionQtyAfter);
        }
        return null;
    }
}
