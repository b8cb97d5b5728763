package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** An order without a limit price and no recent market price to value it: deny, never guess. */
public final class MarketPriceCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.MARKET_PRICE_UNAVAILABLE;
    }

    @Override
    public Denial check(OrderContext o) {
        if (Double.isNaN(o.valuationPrice)) {
            return new Denial(o.limits.maxPriceAgeMs(), o.referenceAgeMs,
                    "no market price for " + o.request.getSymbol() + " younger than " + o.limits.maxPriceAgeMs() + " ms");
        }
        return null;
    }
}
