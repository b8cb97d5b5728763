package com.quantumedge.supervisor.risk.limits;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.limits.Limit;
import com.quantumedge.supervisor.schemas.limits.LimitCheck;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimit;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimits;

/**
 * The limits in force for one bot, resolved once per change of its records by {@link ResolvedLimits}
 * (bot record over the defaults {@code *} over the built-in defaults, per symbol its overrides) into
 * plain numbers for the order path: NaN (or -1 for counts) where a limit does not apply because it
 * is replaced by its absolute counterpart or its check is switched off.
 */
public final class EffectiveLimits {

    /** The built-in defaults alone: what applies before anything is published. */
    public static final EffectiveLimits BUILTIN = resolve(null, null);

    private final double maxLeverage;
    private final double maxGrossExposure;
    private final double maxGrossExposureXEquity;
    private final int maxOpenOrders;
    private final int maxSubmitsPerWindow;
    private final long submitWindowMs;
    private final long maxPriceAgeMs;
    private final double maxDailyLoss;
    private final double maxDailyLossPct;
    private final double maxDrawdownPct;
    private final double maxRiskMultiplier;
    private final boolean newDayLiftsDailyLossHalt;
    private final boolean equityCheck;
    private final long defaultsVersion;
    private final long botVersion;
    private final SymbolLimitsView anySymbol;
    private final Map<String, SymbolLimitsView> symbols;

    private EffectiveLimits(RiskLimits defaults, RiskLimits bot) {
        ResolvedLimits r = ResolvedLimits.resolve(defaults, bot, null);
        maxLeverage = r.get(Limit.MAX_LEVERAGE).number();
        maxGrossExposure = r.get(Limit.MAX_GROSS_EXPOSURE).number();
        maxGrossExposureXEquity = r.get(Limit.MAX_GROSS_EXPOSURE_X_EQUITY).number();
        maxOpenOrders = count(r.get(Limit.MAX_OPEN_ORDERS));
        maxSubmitsPerWindow = count(r.get(Limit.MAX_SUBMITS_PER_WINDOW));
        double window = r.get(Limit.SUBMIT_WINDOW_MS).number();
        submitWindowMs = Double.isNaN(window) ? 1000L : (long) window;
        maxPriceAgeMs = (long) r.get(Limit.MAX_PRICE_AGE_MS).number();
        maxDailyLoss = r.get(Limit.MAX_DAILY_LOSS).number();
        maxDailyLossPct = r.get(Limit.MAX_DAILY_LOSS_PCT).number();
        maxDrawdownPct = r.get(Limit.MAX_DRAWDOWN_PCT).number();
        maxRiskMultiplier = r.get(Limit.MAX_RISK_MULTIPLIER).number();
        ResolvedLimit lifts = r.get(Limit.NEW_DAY_LIFTS_DAILY_LOSS_HALT);
        newDayLiftsDailyLossHalt = lifts.status() == ResolvedLimit.Status.IN_FORCE && Boolean.TRUE.equals(lifts.value());
        equityCheck = !r.isOff(LimitCheck.EQUITY_UNKNOWN);
        defaultsVersion = defaults == null ? 0 : defaults.getVersion();
        botVersion = bot == null ? 0 : bot.getVersion();
        anySymbol = SymbolLimitsView.of(r);
        Set<String> names = new HashSet<>();
        for (RiskLimits record : new RiskLimits[] {defaults, bot}) {
            if (record != null) {
                record.getSymbols().keySet().forEach(k -> names.add(k.toString()));
            }
        }
        symbols = new HashMap<>();
        for (String name : names) {
            symbols.put(name, SymbolLimitsView.of(ResolvedLimits.resolve(defaults, bot, name)));
        }
    }

    /** @param defaults the {@code *} record or null; @param bot the bot's record or null */
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

    /** The absolute gross exposure limit, else the multiple of equity; NaN when off or equity is unknown. */
    public double grossExposureLimit(double equity) {
        return Double.isNaN(maxGrossExposure) ? maxGrossExposureXEquity * equity : maxGrossExposure;
    }

    /**
     * The absolute daily loss limit, else the percentage of the day-start equity; NaN when off, or
     * when the day-start equity is unknown or not positive (a percentage of nothing would halt at once).
     */
    public double dailyLossLimit(double dayStartEquity) {
        if (!Double.isNaN(maxDailyLoss)) {
            return maxDailyLoss;
        }
        return dayStartEquity > 0 ? maxDailyLossPct / 100.0 * dayStartEquity : Double.NaN;
    }

    /**
     * True if a limit in force for orders of this symbol is a share or multiple of equity, so an
     * order that grows exposure cannot be judged without it; false if the equity check is off.
     */
    public boolean needsEquity(SymbolLimitsView symbol) {
        return equityCheck && (symbol.equityRelative() || !Double.isNaN(maxGrossExposureXEquity) || !Double.isNaN(maxDailyLossPct));
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

    private static int count(ResolvedLimit limit) {
        double v = limit.number();
        return Double.isNaN(v) ? -1 : (int) v;
    }
}
