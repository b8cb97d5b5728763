package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.quantumedge.supervisor.avro.Side;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue;

/** {@code POST /api/v1/heartbeat}: what a bot reports and what it is told back. */
public final class HeartbeatContract {

    private HeartbeatContract() {
    }

    @Schema(name = "HeartbeatRequest", additionalProperties = AdditionalPropertiesValue.TRUE,
            description = "Every field is optional; null counts as absent. Fields not named here are kept as JSON text "
                    + "(at most 64, names up to 64 characters), not rejected.")
    public record Request(
            @Schema(ref = "BotId", description = "must be the token's own bot when given (else 403 FORBIDDEN_BOT)")
            @JsonProperty("bot_id") String botId,
            @Schema(format = "int64", minimum = "0", description = "the bot's clock, epoch ms; the gateway's receive time when absent",
                    example = "1764921600000") @JsonProperty("ts_ms") Long tsMs,
            @Schema(minimum = "0", example = "3600") @JsonProperty("uptime_s") Double uptimeS,
            @Schema(minimum = "0", example = "10250.5") Double equity,
            @Schema(example = "120.25") @JsonProperty("realized_pnl_today") Double realizedPnlToday,
            @Schema(example = "-14.5") @JsonProperty("unrealized_pnl") Double unrealizedPnl,
            @Schema(pattern = "\\d{4}-\\d{2}-\\d{2}", example = "2026-12-05") @JsonProperty("trading_day") String tradingDay,
            @ArraySchema(maxItems = 1000, arraySchema = @Schema(description = "open positions")) List<Position> positions,
            @Schema(oneOf = {OpenOrderCount.class, OpenOrder[].class},
                    description = "a count, or the list of open orders (at most 1000; its length is then the count)")
            @JsonProperty("open_orders") Object openOrders,
            @Schema(minimum = "0", maximum = "100000", description = "used when open_orders is absent")
            @JsonProperty("open_order_count") Integer openOrderCount,
            @Schema(pattern = "[A-Za-z0-9._+:-]{1,64}", example = "live") String mode,
            @Schema(pattern = "[\\x20-\\x7E]{1,64}", description = "printable ASCII", example = "sim-bot/1.0") String version) {
    }

    @Schema(name = "HeartbeatPosition")
    public record Position(
            @Schema(requiredMode = REQUIRED, ref = "Symbol") String symbol,
            @Schema(requiredMode = REQUIRED, description = "signed: negative is short", example = "0.5") double qty,
            @Schema(exclusiveMinimumValue = 0, example = "64000") @JsonProperty("avg_price") Double avgPrice,
            @Schema(exclusiveMinimumValue = 0, example = "64250") @JsonProperty("mark_price") Double markPrice) {
    }

    @Schema(name = "OpenOrderCount", type = "integer", minimum = "0", maximum = "100000", example = "2")
    public record OpenOrderCount() {
    }

    @Schema(name = "HeartbeatOpenOrder")
    public record OpenOrder(
            @Schema(ref = "Identifier") @JsonProperty("client_order_id") String clientOrderId,
            @Schema(requiredMode = REQUIRED, ref = "Symbol") String symbol,
            @Schema(requiredMode = REQUIRED, implementation = Side.class) Side side,
            @Schema(requiredMode = REQUIRED, exclusiveMinimumValue = 0, example = "0.1") double qty,
            @Schema(exclusiveMinimumValue = 0, example = "63000") Double price) {
    }

    @Schema(name = "HeartbeatAnswer", allOf = CommonContract.RiskFlags.class)
    public record Answer(
            @Schema(requiredMode = REQUIRED, allowableValues = "ok") @JsonProperty("heartbeat_status") String heartbeatStatus,
            @Schema(requiredMode = REQUIRED, format = "date-time", description = "when the gateway received it")
            @JsonProperty("last_heartbeat_time") String lastHeartbeatTime,
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, format = "uuid", description = "id of the heartbeat record") @JsonProperty("event_id") String eventId) {
    }
}
