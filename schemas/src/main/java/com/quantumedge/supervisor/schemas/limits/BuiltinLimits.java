package com.quantumedge.supervisor.schemas.limits;

import java.util.List;
import java.util.Map;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.GeneratedClasses;

/**
 * The limits in force when no record sets them: the bottom layer under the defaults record
 * ({@code *}), so a fresh install is protected even before anything is published. Amounts that
 * cannot be known in advance are relative to the bot's equity. risk-stream.yml publishes the same
 * values as {@code *} and the risk-stream README explains each; change both together.
 */
public final class BuiltinLimits {

    /** Key reported for this layer; never published. */
    public static final String KEY = "builtin";

    static {
        // Building a record copies its nested defaults through Avro's class allow-list.
        GeneratedClasses.trust();
    }

    /**
     * Why these numbers: one order at most a quarter of equity (a bot needs several orders to build its
     * book); one symbol at most 2x and all symbols at most 3x equity, the leverage of a cautious futures
     * account; an order's leverage setting at most 5; a day losing 5% or a drawdown of 15% from peak
     * equity halts the bot for a person to look at; 1,000,000 units in one order is a fat finger in any
     * unit (the notional share is the real size limit); 50 live orders and 100 submits per second bound
     * a runaway loop; prices more than 10% from the market or older than 60 s are not trusted.
     */
    static final RiskLimits RECORD = RiskLimits.newBuilder()
            .setEventId("builtin")
            .setBotId(KEY)
            .setTsMs(0)
            .setVersion(0)
            .setUpdatedBy(KEY)
            .setReason("built-in defaults")
            .setMaxOrderQty(1_000_000.0)
            .setMaxOrderNotionalPctEquity(25.0)
            .setMaxLeverage(5.0)
            .setMaxSymbolExposureXEquity(2.0)
            .setMaxGrossExposureXEquity(3.0)
            .setMaxOpenOrders(50)
            .setMaxSubmitsPerWindow(100)
            .setSubmitWindowMs(1000L)
            .setPriceCollarPct(10.0)
            .setMaxPriceAgeMs(60_000L)
            .setMaxDailyLossPct(5.0)
            .setMaxDrawdownPct(15.0)
            .setMaxRiskMultiplier(1.0)
            .setNewDayLiftsDailyLossHalt(false)
            .setDisabledChecks(List.of())
            .setSymbols(Map.of())
            .build();

    private BuiltinLimits() {
    }

    /** A copy of the built-in layer, as a record with version 0 and bot id {@value #KEY}. */
    public static RiskLimits record() {
        return RiskLimits.newBuilder(RECORD).build();
    }
}
