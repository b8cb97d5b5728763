package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Side;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code POST /api/v1/executions}: one fill, cancel, reject or expiry. */
public final class ExecutionContract {

    private ExecutionContract() {
    }

    @Schema(name = "ExecutionReport", description = "Enum values are case-insensitive; null counts as absent; other fields are ignored.")
    public record Request(
            @Schema(ref = "BotId", description = "must be the token's own bot when given (else 403 FORBIDDEN_BOT)")
            @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, ref = "Identifier", description = "unique per execution: the risk engine applies each once")
            @JsonProperty("exec_id") String execId,
            @Schema(requiredMode = REQUIRED, implementation = ExecType.class) @JsonProperty("exec_type") ExecType execType,
            @Schema(requiredMode = REQUIRED, ref = "Symbol") String symbol,
            @Schema(requiredMode = REQUIRED, implementation = Side.class) Side side,
            @Schema(requiredMode = REQUIRED, minimum = "0", description = "greater than 0 for a FILL", example = "0.01") double qty,
            @Schema(exclusiveMinimumValue = 0, description = "required for a FILL", example = "64010") Double price,
            @Schema(description = "default 0", example = "0.25") Double fee,
            @Schema(ref = "Symbol") @JsonProperty("fee_asset") String feeAsset,
            @Schema(minimum = "0", example = "0") @JsonProperty("leaves_qty") Double leavesQty,
            @Schema(ref = "Identifier") @JsonProperty("client_order_id") String clientOrderId,
            @Schema(ref = "Identifier", description = "the order check's correlation_id, to release its reservation")
            @JsonProperty("correlation_id") String correlationId,
            @Schema(maxLength = 500) String reason,
            @Schema(format = "int64", minimum = "0", description = "epoch ms; the gateway's time when absent") @JsonProperty("ts_ms") Long tsMs) {
    }

    @Schema(name = "ExecutionAnswer", description = "The broker has the record.")
    public record Answer(
            @Schema(requiredMode = REQUIRED, description = "always true") boolean accepted,
            @Schema(requiredMode = REQUIRED) @JsonProperty("exec_id") String execId,
            @Schema(requiredMode = REQUIRED, format = "uuid") @JsonProperty("event_id") String eventId,
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId) {
    }
}
