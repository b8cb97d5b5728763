package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.Side;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/v1/risk/evaluate}: one order to check and the risk engine's decision. */
public final class OrderCheckContract {

    private OrderCheckContract() {
    }

    @Schema(name = "OrderCheckRequest", description = "Enum values are case-insensitive; null counts as absent; other fields are ignored.")
    public record Request(
            @Schema(ref = "BotId", description = "must be the token's own bot when given (else 403 FORBIDDEN_BOT)")
            @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, ref = "Symbol") String symbol,
            @Schema(requiredMode = REQUIRED, implementation = Side.class) Side side,
            @Schema(requiredMode = REQUIRED, allowableValues = {"MARKET", "LIMIT", "STOP_MARKET", "STOP_LIMIT", "TAKE_PROFIT_MARKET",
                    "TAKE_PROFIT_LIMIT", "TRAILING_STOP_MARKET"}, example = "LIMIT") @JsonProperty("order_type") String orderType,
            @Schema(requiredMode = REQUIRED, exclusiveMinimumValue = 0, example = "0.01") double quantity,
            @Schema(exclusiveMinimumValue = 0, example = "64000",
                    description = "required for LIMIT, STOP_LIMIT and TAKE_PROFIT_LIMIT orders") Double price,
            @Schema(exclusiveMinimumValue = 0, description = "quote value of the order; computed from price when absent",
                    example = "640") Double notional,
            @Schema(exclusiveMinimumValue = 0, maximum = "125", example = "5") Double leverage,
            @Schema(defaultValue = "false") @JsonProperty("is_reduce_only") Boolean isReduceOnly,
            @Schema(ref = "Identifier", description = "echoed in the answer") @JsonProperty("client_order_id") String clientOrderId) {
    }

    @Schema(name = "OrderCheckAnswer", allOf = CommonContract.RiskFlags.class,
            description = "The decision. Fail closed: no decision in time, or no event log, is allowed=false with code "
                    + "SUPERVISOR_UNAVAILABLE, still answered 200.")
    public record Answer(
            @Schema(requiredMode = REQUIRED) boolean allowed,
            @Schema(requiredMode = REQUIRED, implementation = DecisionCode.class) DecisionCode code,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, example = "quantity 12 exceeds the maximum of 10") String reason,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, description = "the check that denied, null when allowed",
                    example = "MaxOrderQty") String check,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}, description = "the limit that was exceeded") Double limit,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}, description = "the value that exceeded it") Double value,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) Double notional,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("symbol_exposure_after") Double symbolExposureAfter,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("gross_exposure_after") Double grossExposureAfter,
            @Schema(requiredMode = REQUIRED, format = "uuid") @JsonProperty("correlation_id") String correlationId,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}) @JsonProperty("client_order_id") String clientOrderId) {
    }
}
