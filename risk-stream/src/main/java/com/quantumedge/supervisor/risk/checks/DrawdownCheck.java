package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** Drawdown from peak equity (percent) at or beyond the limit; the breach halts the bot. */
public final class DrawdownCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.DRAWDOWN_LIMIT;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.limits.maxDrawdownPct();
        double drawdown = o.state.drawdownPct();
        if (!Double.isNaN(max) && drawdown >= max) {
            return new Denial(max, drawdown, "drawdown " + drawdown + "% reached limit " + max + "%");
        }
        return null;
    }
}
