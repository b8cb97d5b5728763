package com.quantumedge.supervisor.schemas.limits;

/**
 * One limit as resolved for a bot (and symbol): its value, the layer it came from and that record's
 * version (0 for the built-in layer), and whether it is in force.
 *
 * @param value a {@code Double}, {@code Integer}, {@code Long} or {@code Boolean}; null when no layer sets it
 */
public record ResolvedLimit(Limit limit, Object value, LimitSource source, long version, Status status) {

    public enum Status {
        /** The value applies. */
        IN_FORCE,
        /** No layer sets it; for an absolute limit this means its equity-relative counterpart applies. */
        UNSET,
        /** An equity-relative limit replaced by its absolute counterpart, which is set. */
        REPLACED,
        /** Its check is listed in {@code disabled_checks}. */
        OFF
    }

    public String field() {
        return limit.field();
    }

    /** The value as a number if it applies, else NaN. */
    public double number() {
        return status == Status.IN_FORCE && value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
