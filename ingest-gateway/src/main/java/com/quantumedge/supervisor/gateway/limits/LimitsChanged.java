package com.quantumedge.supervisor.gateway.limits;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a limits change: the version now in force, what changed, and the limits that result. */
@Schema(name = "LimitsChanged", description = "The result of a limits change: the record's version now, each changed field "
        + "with its old and new value, and the limits in force after it.")
public record LimitsChanged(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The record changed: a bot id, or \"*\" for the defaults",
                example = "qe-bot-1")
        String key,
        @Schema(description = "The symbol override changed, null for the key's own limits", nullable = true, example = "BTCUSDT")
        String symbol,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "False when the limits already were as asked: nothing written")
        boolean changed,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The record's version now", example = "4")
        long version,
        @JsonProperty("previous_version")
        @Schema(description = "The version it replaced, null if the key had no record", nullable = true, example = "3")
        Long previousVersion,
        @JsonProperty("updated_by")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Who changed it (the token's principal)", example = "operator")
        String updatedBy,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "exchange raised margin requirements")
        String reason,
        @JsonProperty("event_id")
        @Schema(description = "The RISK_LIMITS_CHANGED event on sup.events.v1; null when nothing changed", nullable = true)
        String eventId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Each changed field (symbols.<SYMBOL>.<limit> for an "
                + "override) with its old and new value; null is unset (inherits)")
        Map<String, Change> changes,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The limits in force for the key after the change")
        BotLimits limits) {

    @Schema(name = "LimitChange", description = "A field's value before and after a change; null is unset (inherits).")
    public record Change(
            @JsonProperty("old") @Schema(description = "A number, true/false for a setting, the list of check names for "
                    + "disabled_checks; null when unset", types = {"number", "boolean", "array", "null"}, example = "4.0")
            Object before,
            @JsonProperty("new") @Schema(types = {"number", "boolean", "array", "null"}, example = "5.0")
            Object after) {
    }
}
