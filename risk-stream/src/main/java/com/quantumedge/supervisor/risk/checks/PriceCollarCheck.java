package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/** Limit price further from the last market price than the collar (percent); skipped without a recent market price. */
public final class PriceCollarCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.PRICE_OUT_OF_COLLAR;
    }

    @Override
    public Denial check(OrderContext o) {
        double collar = o.symbolLimits.priceCollarPct();
        Double price = o.request.getPrice();
        if (Double.isNaN(collar) || price == null || Double.isNaN(o.referencePrice)
                || o.referenceAgeMs > o.limits.maxPriceAgeMs()) {
            return null;
        }
        double distance = Math.abs(price - o.referencePrice) / o.referencePrice * 100.0;
        if (distance > collar) {
            return new Denial(collar, distance, "price " + price + " is " + distance + "% from last price "
                    + o.referencePrice + ", collar " + collar + "%");
        }
        return null;
    }
}
