package com.quantumedge.supervisor.schemas.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;

/**
 * Checks the limits of a record before it is published: every number finite; amounts, ratios,
 * percentages and durations above zero; counts zero or more; percentages of equity, the daily-loss
 * and drawdown percentages at most 100; symbols named; {@code disabled_checks} only names of
 * {@link LimitCheck}. Identity fields (event id, version, who) are the publisher's business.
 */
public final class LimitsValidator {

    private LimitsValidator() {
    }

    /** Every violation, in field order; empty when the record may be published. */
    public static List<LimitViolation> validate(RiskLimits limits) {
        List<LimitViolation> out = new ArrayList<>();
        for (Limit limit : Limit.values()) {
            check(limit, limit.valueIn(limits), limit.field(), out);
        }
        if (limits.getDisabledChecks() != null) {
            for (CharSequence name : limits.getDisabledChecks()) {
                if (LimitCheck.named(name).isEmpty()) {
                    out.add(new LimitViolation("disabled_checks", "'" + name + "' is not a check that can be switched off; one of "
                            + List.of(LimitCheck.values())));
                }
            }
        }
        for (Map.Entry<? extends CharSequence, SymbolLimits> e : limits.getSymbols().entrySet()) {
            String symbol = e.getKey().toString();
            if (symbol.isBlank()) {
                out.add(new LimitViolation("symbols", "a symbol override needs a symbol name"));
                continue;
            }
            for (Limit limit : Limit.values()) {
                if (limit.perSymbol()) {
                    check(limit, limit.valueIn(e.getValue()), "symbols." + symbol + "." + limit.field(), out);
                }
            }
        }
        return out;
    }

    private static void check(Limit limit, Object value, String field, List<LimitViolation> out) {
        if (value == null || value instanceof Boolean) {
            return;
        }
        double v = ((Number) value).doubleValue();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.add(new LimitViolation(field, "must be a finite number, was " + value));
        } else if (value instanceof Integer && v < 0) {
            out.add(new LimitViolation(field, "must be 0 or more, was " + value));
        } else if (!(value instanceof Integer) && v <= 0) {
            out.add(new LimitViolation(field, "must be greater than 0, was " + value
                    + (limit.check().isPresent() ? " (to switch the check off, list " + limit.check().get() + " in disabled_checks)" : "")));
        } else if (atMostHundred(limit) && v > 100) {
            out.add(new LimitViolation(field, "is a percentage of at most 100, was " + value));
        }
    }

    private static boolean atMostHundred(Limit limit) {
        return limit.kind() == Limit.Kind.PERCENT_OF_EQUITY || limit == Limit.MAX_DRAWDOWN_PCT;
    }
}
