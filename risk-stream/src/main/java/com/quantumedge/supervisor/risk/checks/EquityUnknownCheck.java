package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/**
 * Fail closed: an order that grows exposure while a limit in force is relative to equity and the
 * bot has not reported its equity yet. Orders that do not grow exposure (reduce-only, closing) pass.
 */
public final class EquityUnknownCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.EQUITY_UNKNOWN;
    }

    @Override
    public Denial check(OrderContext o) {
        boolean growsExposure = o.growsOrFlips || o.grossExposureAfter > o.grossExposureBefore;
        if (Double.isNaN(o.state.equity()) && growsExposure && o.limits.needsEquity(o.symbolLimits)) {
            return new Denial(Double.NaN, Double.NaN, "equity of " + o.request.getBotId()
                    + " unknown (no heartbeat with equity yet) and limits in force are relative to equity");
        }
        return null;
    }
}
