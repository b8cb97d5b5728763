package com.quantumedge.supervisor.schemas.limits;

import java.util.Optional;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;

/**
 * Every limit of a {@link RiskLimits} record: its field name (snake_case, as in the record, the API
 * and the CLI), the check it belongs to, and how it relates to equity. An equity-relative limit is
 * replaced by its absolute counterpart wherever that is set.
 */
public enum Limit {

    MAX_ORDER_QTY(LimitCheck.QTY_EXCEEDS_MAX, Kind.ABSOLUTE, null),
    MAX_ORDER_NOTIONAL(LimitCheck.NOTIONAL_EXCEEDS_MAX, Kind.ABSOLUTE, null),
    MAX_ORDER_NOTIONAL_PCT_EQUITY(LimitCheck.NOTIONAL_EXCEEDS_MAX, Kind.PERCENT_OF_EQUITY, MAX_ORDER_NOTIONAL),
    MAX_LEVERAGE(LimitCheck.LEVERAGE_EXCEEDS_MAX, Kind.ABSOLUTE, null),
    MAX_SYMBOL_EXPOSURE(LimitCheck.SYMBOL_EXPOSURE_EXCEEDS_MAX, Kind.ABSOLUTE, null),
    MAX_SYMBOL_EXPOSURE_X_EQUITY(LimitCheck.SYMBOL_EXPOSURE_EXCEEDS_MAX, Kind.MULTIPLE_OF_EQUITY, MAX_SYMBOL_EXPOSURE),
    MAX_GROSS_EXPOSURE(LimitCheck.GROSS_EXPOSURE_EXCEEDS_MAX, Kind.ABSOLUTE, null),
    MAX_GROSS_EXPOSURE_X_EQUITY(LimitCheck.GROSS_EXPOSURE_EXCEEDS_MAX, Kind.MULTIPLE_OF_EQUITY, MAX_GROSS_EXPOSURE),
    MAX_OPEN_ORDERS(LimitCheck.OPEN_ORDERS_EXCEEDS_MAX, Kind.ABSOLUTE, null),
    MAX_SUBMITS_PER_WINDOW(LimitCheck.SUBMIT_RATE_EXCEEDED, Kind.ABSOLUTE, null),
    SUBMIT_WINDOW_MS(LimitCheck.SUBMIT_RATE_EXCEEDED, Kind.PARAMETER, null),
    PRICE_COLLAR_PCT(LimitCheck.PRICE_OUT_OF_COLLAR, Kind.ABSOLUTE, null),
    /** Age beyond which a market price no longer values an order (MARKET_PRICE_UNAVAILABLE, not switchable). */
    MAX_PRICE_AGE_MS(null, Kind.PARAMETER, null),
    MAX_DAILY_LOSS(LimitCheck.DAILY_LOSS_LIMIT, Kind.ABSOLUTE, null),
    MAX_DAILY_LOSS_PCT(LimitCheck.DAILY_LOSS_LIMIT, Kind.PERCENT_OF_EQUITY, MAX_DAILY_LOSS),
    MAX_DRAWDOWN_PCT(LimitCheck.DRAWDOWN_LIMIT, Kind.ABSOLUTE, null),
    /** Cap of the operator's SET_RISK_MULTIPLIER (no check of its own). */
    MAX_RISK_MULTIPLIER(null, Kind.PARAMETER, null),
    NEW_DAY_LIFTS_DAILY_LOSS_HALT(LimitCheck.DAILY_LOSS_LIMIT, Kind.PARAMETER, null);

    /** How a limit's number is read. */
    public enum Kind {
        /** In the unit of what it limits (quantity, quote currency, count, percent of price, ratio). */
        ABSOLUTE,
        /** Percent of equity (the day-start equity for daily loss). */
        PERCENT_OF_EQUITY,
        /** Multiple of equity. */
        MULTIPLE_OF_EQUITY,
        /** Tunes a check rather than bounding a value. */
        PARAMETER
    }

    private final LimitCheck check;
    private final Kind kind;
    private final Limit absolute;
    private final String field;

    Limit(LimitCheck check, Kind kind, Limit absolute) {
        this.check = check;
        this.kind = kind;
        this.absolute = absolute;
        this.field = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The field name in {@link RiskLimits} (and {@link SymbolLimits} for per-symbol limits). */
    public String field() {
        return field;
    }

    /** The check this limit belongs to; empty for limits no check is switched by. */
    public Optional<LimitCheck> check() {
        return Optional.ofNullable(check);
    }

    public Kind kind() {
        return kind;
    }

    /** For an equity-relative limit, the absolute limit that replaces it wherever set. */
    public Optional<Limit> absolute() {
        return Optional.ofNullable(absolute);
    }

    /** True if {@code symbols.<SYMBOL>} can override it. */
    public boolean perSymbol() {
        return SymbolLimits.getClassSchema().getField(field) != null;
    }

    /** Its value in the record, null when unset. */
    public Object valueIn(RiskLimits limits) {
        return limits == null ? null : limits.get(field);
    }

    /** Its value in a symbol override, null when unset or not a per-symbol limit. */
    public Object valueIn(SymbolLimits limits) {
        return limits == null || !perSymbol() ? null : limits.get(field);
    }

    /** The limit with that field name, if it is one. */
    public static Optional<Limit> forField(String field) {
        for (Limit limit : values()) {
            if (limit.field.equals(field)) {
                return Optional.of(limit);
            }
        }
        return Optional.empty();
    }
}
