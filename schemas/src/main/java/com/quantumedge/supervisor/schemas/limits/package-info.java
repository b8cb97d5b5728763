/**
 * The risk limits model shared by risk-stream (which enforces limits and publishes configured ones)
 * and the gateway (whose limits API shows and changes them):
 * <ul>
 * <li>{@link com.quantumedge.supervisor.schemas.limits.ResolvedLimits#resolve}: the limits in force
 * for a bot and symbol from the defaults record {@code *}, the bot's record and
 * {@link com.quantumedge.supervisor.schemas.limits.BuiltinLimits}, each with its value, source and
 * record version, and which checks are off ({@code disabled_checks});</li>
 * <li>{@link com.quantumedge.supervisor.schemas.limits.LimitsValidator#validate}: what is wrong with
 * a record, by snake_case field name;</li>
 * <li>{@link com.quantumedge.supervisor.schemas.limits.LimitsChanges}: the next version of a key
 * when its content changes, and the audited {@code RISK_LIMITS_CHANGED} event.</li>
 * </ul>
 * {@link com.quantumedge.supervisor.schemas.limits.Limit} names every limit field and
 * {@link com.quantumedge.supervisor.schemas.limits.LimitCheck} every check that can be switched off.
 */
package com.quantumedge.supervisor.schemas.limits;
