package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /api/v1/tsdb/status}. */
public final class TsdbContract {

    private TsdbContract() {
    }

    @Schema(name = "TsdbStatus", description = "Without ClickHouse: enabled=false, backend=none and a reason. With it: the "
            + "ClickHouse fields, null where unknown (error says why).")
    public record Status(
            @Schema(requiredMode = REQUIRED) boolean enabled,
            @Schema(requiredMode = REQUIRED, allowableValues = {"none", "clickhouse"}) String backend,
            @Schema(description = "why there is no time-series store") String reason,
            String url,
            Boolean reachable,
            @Schema(types = {"string", "null"}) @JsonProperty("server_version") String serverVersion,
            String database,
            @Schema(types = {"integer", "null"}, format = "int64", description = "records on sunk topics the sink has not committed")
            @JsonProperty("consumer_lag") Long consumerLag,
            @Schema(types = {"string", "null"}, format = "date-time") @JsonProperty("last_write_time") String lastWriteTime,
            @Schema(format = "int64") @JsonProperty("rows_written") Long rowsWritten,
            @Schema(format = "int64") Long batches,
            @Schema(types = {"string", "null"}) String error) {
    }
}
