package com.quantumedge.supervisor.schemas.limits;

/**
 * Why a limits record is refused.
 *
 * @param field the offending field in snake_case as in the record, e.g. {@code max_daily_loss_pct},
 *              {@code symbols.ETHUSDT.max_order_qty} or {@code disabled_checks}
 */
public record LimitViolation(String field, String message) {
}
