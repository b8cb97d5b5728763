package com.quantumedge.supervisor.risk.limits;

import com.quantumedge.supervisor.schemas.limits.Limit;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimits;

/**
 * Limits in force for one symbol of one bot; NaN disables a limit (unset, replaced or its check
 * off). An absolute limit, where set, replaces the equity-relative one, which is then NaN here.
 */
public record SymbolLimitsView(double maxOrderQty, double maxOrderNotional, double maxOrderNotionalPctEquity,
        double maxSymbolExposure, double maxSymbolExposureXEquity, double priceCollarPct) {

    static SymbolLimitsView of(ResolvedLimits r) {
        return new SymbolLimitsView(r.get(Limit.MAX_ORDER_QTY).number(), r.get(Limit.MAX_ORDER_NOTIONAL).number(),
                r.get(Limit.MAX_ORDER_NOTIONAL_PCT_EQUITY).number(), r.get(Limit.MAX_SYMBOL_EXPOSURE).number(),
                r.get(Limit.MAX_SYMBOL_EXPOSURE_X_EQUITY).number(), r.get(Limit.PRICE_COLLAR_PCT).number());
    }

    /** The absolute notional limit, else the share of equity; NaN when off or equity is unknown. */
    public double orderNotionalLimit(double equity) {
        return Double.isNaN(maxOrderNotional) ? maxOrderNotionalPctEquity / 100.0 * equity : maxOrderNotional;
    }

    /** The absolute symbol exposure limit, else the multiple of equity; NaN when off or equity is unknown. */
    public double symbolExposureLimit(double equity) {
        return Double.isNaN(maxSymbolExposure) ? maxSymbolExposureXEquity * equity : maxSymbolExposure;
    }

    boolean equityRelative() {
        return !Double.isNaN(maxOrderNotionalPctEquity) || !Double.isNaN(maxSymbolExposureXEquity);
    }
}
