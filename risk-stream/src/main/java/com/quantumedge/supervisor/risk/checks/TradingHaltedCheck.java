package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

import com.quantumedge.supervisor.avro.TradingState;

/** HALTED: no new order passes. */
public final class TradingHaltedCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.TRADING_HALTED;
    }

    @Override
    public Denial check(OrderContext o) {
        if (o.state.tradingState() == TradingState.HALTED) {
            return new Denial(Double.NaN, Double.NaN, "trading halted: " + o.state.stateReason());
        }
        return null;
    }
}
