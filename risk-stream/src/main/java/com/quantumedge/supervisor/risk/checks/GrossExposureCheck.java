package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/**
 * Worst-case gross exposure over all symbols after the order, reservations included, above the
 * maximum (absolute, else a multiple of equity); an order that does not add exposure always passes.
 */
public final class GrossExposureCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.GROSS_EXPOSURE_EXCEEDS_MAX;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.limits.grossExposureLimit(o.state.equity());
        if (!Double.isNaN(max) && o.grossExposureAfter > max && o.grossExposureAfter > o.grossExposureBefore) {
            return new Denial(max, o.grossExposureAfter, "gross exposure after order " + o.grossExposureAfter
                    + " exceeds max " + max);
        }
        return null;
    }
}
