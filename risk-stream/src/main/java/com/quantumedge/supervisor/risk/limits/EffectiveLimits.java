package com.quantumedge.supervisor.risk.limits;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;

/**
 * The limits in force for one bot: its own record over the defaults ({@code *}), and per symbol
 * the bot's symbol override, then the bot's value, then the defaults' symbol override, then the
 * default. A limit nobody sets disables its check (NaN, or -1 for counts), except the risk
 * multiplier cap, which is 1.0 unless configuration allows more.
 */
public final class EffectiveLimits {

    public static final double DEFAULT_MAX_RISK_MULTIPLIER = 1.0;
    public static final EffectiveLimits NONE = resolve(null, null);

    private final double maxLeverage;
    private final double maxGrossExposure;
    private final int maxOpenOrders;
    private final int maxSubmitsPerWindow;
    private final long submitWindowMs;
    private final long maxPriceAgeMs;
    private final double maxDailyLoss;
    private final double maxDrawdownPct;
    private final double maxRiskMultiplier;
    private final boolean newDayLiftsDailyLossHalt;
    private final long defaultsVersion;
    private final long botVersion;
    private final SymbolLimitsView anySymbol;
    private final Map<String, SymbolLimitsView> symbols;

    private EffectiveLimits(RiskLimits defaults, RiskLimits bot) {
        maxLeverage = d(defaults, bot, RiskLimits::getMaxLeverage);
        maxGrossExposure = d(defaults, bot, RiskLimits::getMaxGrossExposure);
        Integer open = pick(defaults, bot, RiskLimits::getMaxOpenOrders);
        maxOpenOrders = open == null ? -1 : open;
        Integer submits = pick(defaults, bot, RiskLimits::getMaxSubmitsPerWindow);
        maxSubmitsPerWindow = submits == null ? -1 : submits;
        Long window = pick(defaults, bot, RiskLimits::getSubmitWindowMs);
        submitWindowMs = window == null ? 1000L : window;
        Long age = pick(defaults, bot, RiskLimits::getMaxPriceAgeMs);
        maxPriceAgeMs = age == null ? Long.MAX_VALUE : age;
        maxDailyLoss = d(defaults, bot, RiskLimits::getMaxDailyLoss);
        maxDrawdownPct = d(defaults, bot, RiskLimits::getMaxDrawdownPct);
        double multiplier = d(defaults, bot, RiskLimits::getMaxRiskMultiplier);
        maxRiskMultiplier = Double.isNaN(multiplier) ? DEFAULT_MAX_RISK_MULTIPLIER : multiplier;
        Boolean lifts = pick(defaults, bot, RiskLimits::getNewDayLiftsDailyLossHalt);
        newDayLiftsDailyLossHalt = lifts != null && lifts;
        defaultsVersion = defaults == null ? 0 : defaults.getVersion();
        botVersion = bot == null ? 0 : bot.getVersion();
        anySymbol = symbolView(defaults, bot, null);
        Set<String> names = new HashSet<>();
        if (defaults != null) {
            names.addAll(keys(defaults));
        }
        if (bot != null) {
            names.addAll(keys(bot));
        }
        symbols = new HashMap<>();
        for (String name : names) {
            symbols.put(name, symbolView(defaults, bot, name));
        }
    }

    public static EffectiveLimits resolve(RiskLimits defaults, RiskLimits bot) {
        return new EffectiveLimits(defaults, bot);
    }

    public SymbolLimitsView forSymbol(String symbol) {
        SymbolLimitsView view = symbols.get(symbol);
        return view == null ? anySymbol : view;
    }

    public double maxLeverage() {
        return maxLeverage;
    }

    public double maxGrossExposure() {
        return maxGrossExposure;
    }

    public int maxOpenOrders() {
        return maxOpenOrders;
    }

    public int maxSubmitsPerWindow() {
        return maxSubmitsPerWindow;
    }

    public long submitWindowMs() {
        return submitWindowMs;
    }

    public long maxPriceAgeMs() {
        return maxPriceAgeMs;
    }

    public double maxDailyLoss() {
        return maxDailyLoss;
    }

    public double maxDrawdownPct() {
        return maxDrawdownPct;
    }

    public double maxRiskMultiplier() {
        return maxRiskMultiplier;
    }

    public boolean newDayLiftsDailyLossHalt() {
        return newDayLiftsDailyLossHalt;
    }

    /** "defaultsVersion/botVersion", recorded in events so a decision can be traced to its limits. */
    public String version() {
        return defaultsVersion + "/" + botVersion;
    }

    private static Set<String> keys(RiskLimits limits) {
        Set<String> out = new HashSet<>();
        limits.getSymbols().keySet().forEach(k -> out.add(k.toString()));
        return out;
    }

    private static SymbolLimitsView symbolView(RiskLimits defaults, RiskLimits bot, String symbol) {
        return new SymbolLimitsView(
                sym(defaults, bot, symbol, RiskLimits::getMaxOrderQty, SymbolLimits::getMaxOrderQty),
                sym(defaults, bot, symbol, RiskLimits::getMaxOrderNotional, SymbolLimits::getMaxOrderNotional),
                sym(defaults, bot, symbol, RiskLimits::getMaxSymbolExposure, SymbolLimits::getMaxSymbolExposure),
                sym(defaults, bot, symbol, RiskLimits::getPriceCollarPct, SymbolLimits::getPriceCollarPct));
    }

    private static double sym(RiskLimits defaults, RiskLimits bot, String symbol,
            Function<RiskLimits, Double> field, Function<SymbolLimits, Double> symbolField) {
        Double v = symbolOverride(bot, symbol, symbolField);
        if (v == null && bot != null) {
            v = field.apply(bot);
        }
        if (v == null) {
            v = symbolOverride(defaults, symbol, symbolField);
        }
        if (v == null && defaults != null) {
            v = field.apply(defaults);
        }
        return v == null ? Double.NaN : v;
    }

    private static Double symbolOverride(RiskLimits limits, String symbol, Function<SymbolLimits, Double> field) {
        if (limits == null || symbol == null) {
            return null;
        }
        for (Map.Entry<? extends CharSequence, SymbolLimits> e : limits.getSymbols().entrySet()) {
            if (e.getKey().toString().equals(symbol)) {
                return field.apply(e.getValue());
            }
        }
        return null;
    }

    private static double d(RiskLimits defaults, RiskLimits bot, Function<RiskLimits, Double> field) {
        Double v = pick(defaults, bot, field);
        return v == null ? Double.NaN : v;
    }

    private static <T> T pick(RiskLimits defaults, RiskLimits bot, Function<RiskLimits, T> field) {
        T v = bot == null ? null : field.apply(bot);
        if (v == null && defaults != null) {
            v = field.apply(defaults);
        }
        return v;
    }
}
