package com.quantumedge.supervisor.risk.limits;

/** Limits in force for one symbol of one bot; NaN disables a check. */
public record SymbolLimitsView(double maxOrderQty, double maxOrderNotional, double maxSymbolExposure, double priceCollarPct) {

    public static final SymbolLimitsView NONE = new SymbolLimitsView(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
