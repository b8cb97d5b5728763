package com.quantumedge.supervisor.risk.limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.risk.config.RiskStreamProperties.LimitValues;
import com.quantumedge.supervisor.risk.config.RiskStreamProperties.SymbolValues;
import com.quantumedge.supervisor.schemas.GeneratedClasses;

/**
 * Decides which configured limits records must be published: those whose content differs from
 * the latest record of their key on the compacted topic. Each gets the next version of its key.
 */
public final class LimitsChangePlanner {

    static {
        // Comparing nested generated records goes through Avro's class allow-list.
        GeneratedClasses.trust();
    }

    private LimitsChangePlanner() {
    }

    public static List<RiskLimits> changes(Map<String, RiskLimits> current, Map<String, LimitValues> desired,
            long tsMs, String updatedBy) {
        List<RiskLimits> out = new ArrayList<>();
        desired.forEach((key, values) -> {
            RiskLimits previous = current.get(key);
            RiskLimits wanted = toRecord(key, values, tsMs, previous == null ? 1 : previous.getVersion() + 1, updatedBy);
            if (previous == null || !sameContent(previous, wanted)) {
                out.add(wanted);
            }
        });
        return out;
    }

    static boolean sameContent(RiskLimits a, RiskLimits b) {
        RiskLimits aligned = RiskLimits.newBuilder(b).setEventId(a.getEventId()).setTsMs(a.getTsMs())
                .setVersion(a.getVersion()).setUpdatedBy(a.getUpdatedBy()).setReason(a.getReason()).build();
        return aligned.equals(a);
    }

    public static RiskLimits toRecord(String key, LimitValues v, long tsMs, long version, String updatedBy) {
        Map<String, SymbolLimits> symbols = new LinkedHashMap<>();
        v.symbols().forEach((symbol, s) -> symbols.put(symbol, toSymbol(s)));
        return RiskLimits.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(key)
                .setTsMs(tsMs)
                .setVersion(version)
                .setUpdatedBy(updatedBy)
                .setReason("configuration")
                .setMaxOrderQty(v.maxOrderQty())
                .setMaxOrderNotional(v.maxOrderNotional())
                .setMaxLeverage(v.maxLeverage())
                .setMaxSymbolExposure(v.maxSymbolExposure())
                .setMaxGrossExposure(v.maxGrossExposure())
                .setMaxOpenOrders(v.maxOpenOrders())
                .setMaxSubmitsPerWindow(v.maxSubmitsPerWindow())
                .setSubmitWindowMs(v.submitWindowMs())
                .setPriceCollarPct(v.priceCollarPct())
                .setMaxPriceAgeMs(v.maxPriceAgeMs())
                .setMaxDailyLoss(v.maxDailyLoss())
                .setMaxDrawdownPct(v.maxDrawdownPct())
                .setMaxRiskMultiplier(v.maxRiskMultiplier())
                .setNewDayLiftsDailyLossHalt(v.newDayLiftsDailyLossHalt())
                .setSymbols(symbols)
                .build();
    }

    private static SymbolLimits toSymbol(SymbolValues s) {
        return SymbolLimits.newBuilder().setMaxOrderQty(s.maxOrderQty()).setMaxOrderNotional(s.maxOrderNotional())
                .setMaxSymbolExposure(s.maxSymbolExposure()).setPriceCollarPct(s.priceCollarPct()).build();
    }
}
