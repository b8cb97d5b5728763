package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.quantumedge.supervisor.clickhouse.query.HistoryQueries;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * History from ClickHouse. The points and counts are the query library's own records, serialized as
 * they are (camelCase names), so the document describes exactly what is answered.
 */
public final class HistoryContract {

    private HistoryContract() {
    }

    @Schema(name = "EquityHistory")
    public record Equity(
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String from,
            @Schema(requiredMode = REQUIRED, format = "date-time") String to,
            @Schema(requiredMode = REQUIRED, format = "int64") @JsonProperty("step_s") long stepS,
            @Schema(requiredMode = REQUIRED) List<HistoryQueries.EquityPoint> points) {
    }

    @Schema(name = "DecisionHistory")
    public record Decisions(
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, description = "null: every bot") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String from,
            @Schema(requiredMode = REQUIRED, format = "date-time") String to,
            @Schema(requiredMode = REQUIRED, format = "int64") @JsonProperty("step_s") long stepS,
            @Schema(requiredMode = REQUIRED) List<HistoryQueries.DecisionCount> counts) {
    }

    @Schema(name = "EventHistory", description = "Stored records of the asked type, newest first, as column name to text value.")
    public record Events(@Schema(requiredMode = REQUIRED) List<Map<String, String>> events) {
    }
}
