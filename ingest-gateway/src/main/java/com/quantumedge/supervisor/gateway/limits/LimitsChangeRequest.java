package com.quantumedge.supervisor.gateway.limits;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /api/v1/limits/defaults} and {@code /api/v1/limits/{bot}}, for the API
 * documentation: the body itself is read strictly by {@link LimitsEdit}. Only the fields named change.
 */
@Schema(name = "LimitsChangeRequest", description = "A change of the defaults' or a bot's limits: only the limits named change. "
        + "A number sets a limit (and switches its check on for this key), null clears it so it inherits, \"off\" switches its "
        + "check off for this key (disabled_checks).")
public record LimitsChangeRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Why (recorded with your identity)", maxLength = 500,
                example = "exchange raised margin requirements")
        String reason,
        @JsonProperty("expected_version")
        @Schema(description = "Refuse with 409 unless the record is still at this version (0: no record yet)", nullable = true,
                minimum = "0", example = "3")
        Long expectedVersion,
        @JsonProperty("disabled_checks")
        @Schema(description = "The checks switched off for this key, as a whole (null inherits the defaults' list)",
                types = {"array", "null"}, example = "[\"NOTIONAL_EXCEEDS_MAX\"]")
        List<String> disabledChecks,
        @JsonProperty("max_order_qty")
        @Schema(description = "Largest quantity of one order; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "5")
        Object maxOrderQty,
        @JsonProperty("max_order_notional")
        @Schema(description = "Largest notional (qty x price, quote currency) of one order, times the risk multiplier; replaces max_order_notional_pct_equity; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "50000")
        Object maxOrderNotional,
        @JsonProperty("max_order_notional_pct_equity")
        @Schema(description = "Largest notional of one order as percent (0-100] of equity; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "25")
        Object maxOrderNotionalPctEquity,
        @JsonProperty("max_leverage")
        @Schema(description = "Largest leverage of an order, or gross exposure after it / equity; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "5")
        Object maxLeverage,
        @JsonProperty("max_symbol_exposure")
        @Schema(description = "Largest worst-case exposure of one symbol (quote currency); replaces max_symbol_exposure_x_equity; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "100000")
        Object maxSymbolExposure,
        @JsonProperty("max_symbol_exposure_x_equity")
        @Schema(description = "Largest worst-case exposure of one symbol as a multiple of equity; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "2")
        Object maxSymbolExposureXEquity,
        @JsonProperty("max_gross_exposure")
        @Schema(description = "Largest worst-case gross exposure (quote currency); replaces max_gross_exposure_x_equity; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "300000")
        Object maxGrossExposure,
        @JsonProperty("max_gross_exposure_x_equity")
        @Schema(description = "Largest worst-case gross exposure as a multiple of equity; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "3")
        Object maxGrossExposureXEquity,
        @JsonProperty("max_open_orders")
        @Schema(description = "Most live orders; \"off\" switches its check off for this key, null inherits", types = {"integer", "string", "null"}, example = "50")
        Object maxOpenOrders,
        @JsonProperty("max_submits_per_window")
        @Schema(description = "Most order checks per submit window; \"off\" switches its check off for this key, null inherits", types = {"integer", "string", "null"}, example = "100")
        Object maxSubmitsPerWindow,
        @JsonProperty("submit_window_ms")
        @Schema(description = "Length of the submit window in ms (a setting: cannot be off); null inherits", nullable = true, example = "1000")
        Long submitWindowMs,
        @JsonProperty("price_collar_pct")
        @Schema(description = "Furthest a limit price may be from the market, percent; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "10")
        Object priceCollarPct,
        @JsonProperty("max_price_age_ms")
        @Schema(description = "Oldest market price that values an order, ms (a setting: cannot be off); null inherits", nullable = true, example = "60000")
        Long maxPriceAgeMs,
        @JsonProperty("max_daily_loss")
        @Schema(description = "Largest loss of the trading day (quote currency); the breach halts the bot; replaces max_daily_loss_pct; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "5000")
        Object maxDailyLoss,
        @JsonProperty("max_daily_loss_pct")
        @Schema(description = "Largest loss of the trading day as percent (0-100] of the day-start equity; the breach halts the bot; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "5")
        Object maxDailyLossPct,
        @JsonProperty("max_drawdown_pct")
        @Schema(description = "Largest drawdown from peak equity, percent (0-100]; the breach halts the bot; \"off\" switches its check off for this key, null inherits", types = {"number", "string", "null"}, example = "15")
        Object maxDrawdownPct,
        @JsonProperty("max_risk_multiplier")
        @Schema(description = "Cap of the operator's set-risk-multiplier (a setting: cannot be off); null inherits", nullable = true, example = "1.0")
        Double maxRiskMultiplier,
        @JsonProperty("new_day_lifts_daily_loss_halt")
        @Schema(description = "Whether a new trading day lifts a daily-loss halt (a setting: true/false/null)", nullable = true, example = "false")
        Boolean newDayLiftsDailyLossHalt) {
}
