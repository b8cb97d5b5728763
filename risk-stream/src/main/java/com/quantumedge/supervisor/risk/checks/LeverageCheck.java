package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** The order's leverage, or without one the account leverage after the order (gross exposure / equity), above the maximum. */
public final class LeverageCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.LEVERAGE_EXCEEDS_MAX;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.limits.maxLeverage();
        if (Double.isNaN(max)) {
            return null;
        }
        Double requested = o.request.getLeverage();
        double leverage;
        if (requested != null) {
            leverage = requested;
        } else if (o.state.equity() > 0 && o.grossExposureAfter > o.grossExposureBefore) {
            leverage = o.grossExposureAfter / o.state.equity();
        } else {
            return null;
        }
        if (leverage > max) {
            return new Denial(max, leverage, "leverage " + leverage + " exceeds max " + max);
        }
        return null;
    }
}
