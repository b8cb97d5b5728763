package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/**
 * Loss of the trading day (equity change since day start, else realized PnL today) at or beyond the
 * limit (absolute, else a percentage of the day-start equity); the breach halts the bot.
 */
public final class DailyLossCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.DAILY_LOSS_LIMIT;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.limits.dailyLossLimit(o.state.dayStartEquity());
        double loss = -o.state.dailyPnl();
        if (!Double.isNaN(max) && loss >= max) {
            return new Denial(max, loss, "daily loss " + loss + " reached limit " + max);
        }
        return null;
    }
}
