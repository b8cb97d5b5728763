package com.quantumedge.supervisor.schemas.limits;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;

/**
 * The limits in force for one bot and symbol, resolved from the bot's record, the defaults record
 * ({@code *}) and {@link BuiltinLimits}. A per-symbol limit is taken from the first layer that sets
 * it of: bot symbol override, bot, defaults symbol override, defaults, built-in; any other limit
 * from bot, defaults, built-in. {@code disabled_checks} is the bot's list if it has one, else the
 * defaults' list, else none. An equity-relative limit is {@code REPLACED} when its absolute
 * counterpart is set on any layer; every limit of a disabled check is {@code OFF}.
 */
public final class ResolvedLimits {

    /** The switched-off checks with the layer and version of the list they came from. */
    public record DisabledChecks(Set<LimitCheck> checks, List<String> names, LimitSource source, long version) {
    }

    private final Map<Limit, ResolvedLimit> limits;
    private final DisabledChecks disabled;
    private final String symbol;

    private ResolvedLimits(Map<Limit, ResolvedLimit> limits, DisabledChecks disabled, String symbol) {
        this.limits = limits;
        this.disabled = disabled;
        this.symbol = symbol;
    }

    /**
     * @param defaults the {@code *} record, or null if none is published
     * @param bot      the bot's record, or null if none is published
     * @param symbol   the symbol whose overrides apply, or null for the bot's limits without symbol overrides
     */
    public static ResolvedLimits resolve(RiskLimits defaults, RiskLimits bot, String symbol) {
        DisabledChecks disabled = disabledChecks(defaults, bot);
        Map<Limit, ResolvedLimit> found = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            found.put(limit, pick(limit, defaults, bot, symbol));
        }
        Map<Limit, ResolvedLimit> out = new EnumMap<>(Limit.class);
        for (ResolvedLimit r : found.values()) {
            ResolvedLimit.Status status;
            if (r.limit().check().isPresent() && disabled.checks().contains(r.limit().check().get())) {
                status = ResolvedLimit.Status.OFF;
            } else if (r.limit().absolute().isPresent() && found.get(r.limit().absolute().get()).value() != null) {
                status = ResolvedLimit.Status.REPLACED;
            } else if (r.value() == null) {
                status = ResolvedLimit.Status.UNSET;
            } else {
                status = ResolvedLimit.Status.IN_FORCE;
            }
            out.put(r.limit(), new ResolvedLimit(r.limit(), r.value(), r.source(), r.version(), status));
        }
        return new ResolvedLimits(Collections.unmodifiableMap(out), disabled, symbol);
    }

    public ResolvedLimit get(Limit limit) {
        return limits.get(limit);
    }

    /** Every limit, in {@link Limit} order. */
    public Map<Limit, ResolvedLimit> all() {
        return limits;
    }

    public DisabledChecks disabledChecks() {
        return disabled;
    }

    public boolean isOff(LimitCheck check) {
        return disabled.checks().contains(check);
    }

    /** The symbol these were resolved for, null for none. */
    public String symbol() {
        return symbol;
    }

    private static ResolvedLimit pick(Limit limit, RiskLimits defaults, RiskLimits bot, String symbol) {
        if (limit.perSymbol()) {
            Object v = limit.valueIn(symbolOverride(bot, symbol));
            if (v != null) {
                return found(limit, v, LimitSource.BOT_SYMBOL, bot);
            }
        }
        Object v = limit.valueIn(bot);
        if (v != null) {
            return found(limit, v, LimitSource.BOT, bot);
        }
        if (limit.perSymbol()) {
            v = limit.valueIn(symbolOverride(defaults, symbol));
            if (v != null) {
                return found(limit, v, LimitSource.DEFAULT_SYMBOL, defaults);
            }
        }
        v = limit.valueIn(defaults);
        if (v != null) {
            return found(limit, v, LimitSource.DEFAULT, defaults);
        }
        return new ResolvedLimit(limit, limit.valueIn(BuiltinLimits.RECORD), LimitSource.BUILTIN, 0, null);
    }

    private static ResolvedLimit found(Limit limit, Object value, LimitSource source, RiskLimits record) {
        return new ResolvedLimit(limit, value, source, record.getVersion(), null);
    }

    private static SymbolLimits symbolOverride(RiskLimits limits, String symbol) {
        if (limits == null || symbol == null) {
            return null;
        }
        for (Map.Entry<? extends CharSequence, SymbolLimits> e : limits.getSymbols().entrySet()) {
            if (e.getKey().toString().equals(symbol)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static DisabledChecks disabledChecks(RiskLimits defaults, RiskLimits bot) {
        if (bot != null && bot.getDisabledChecks() != null) {
            return disabled(bot.getDisabledChecks(), LimitSource.BOT, bot.getVersion());
        }
        if (defaults != null && defaults.getDisabledChecks() != null) {
            return disabled(defaults.getDisabledChecks(), LimitSource.DEFAULT, defaults.getVersion());
        }
        return disabled(BuiltinLimits.RECORD.getDisabledChecks(), LimitSource.BUILTIN, 0);
    }

    /** Names that are no check (a newer writer's, or never validated) switch nothing off. */
    private static DisabledChecks disabled(List<? extends CharSequence> names, LimitSource source, long version) {
        Set<LimitCheck> checks = EnumSet.noneOf(LimitCheck.class);
        names.forEach(n -> LimitCheck.named(n).ifPresent(checks::add));
        return new DisabledChecks(Collections.unmodifiableSet(checks),
                names.stream().map(CharSequence::toString).toList(), source, version);
    }
}
