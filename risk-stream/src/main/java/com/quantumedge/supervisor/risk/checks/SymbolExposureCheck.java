package com.quantumedge.supervisor.risk.checks;

import com.quantumedge.supervisor.avro.DecisionCode;

/**
 * Worst-case exposure of the symbol after the order, reservations included, above the maximum
 * (absolute, else a multiple of equity); an order that does not add exposure always passes.
 */
public final class SymbolExposureCheck implements RiskCheck {

    @Override
    public DecisionCode code() {
        return DecisionCode.SYMBOL_EXPOSURE_EXCEEDS_MAX;
    }

    @Override
    public Denial check(OrderContext o) {
        double max = o.symbolLimits.symbolExposureLimit(o.state.equity());
        if (!Double.isNaN(max) && o.symbolExposureAfter > max && o.symbolExposureAfter > o.symbolExposureBefore) {
            return new Denial(max, o.symbolExposureAfter, o.request.getSymbol() + " exposure after order "
                    + o.symbolExposureAfter + " exceeds max " + max);
        }
        return null;
    }
}
