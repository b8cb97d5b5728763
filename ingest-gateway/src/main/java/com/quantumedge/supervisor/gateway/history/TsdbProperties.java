package com.quantumedge.supervisor.gateway.history;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.quantumedge.supervisor.clickhouse.StoreDefaults;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where the history lives ({@code supervisor.gateway.tsdb.*}). Without {@code clickhouse-url} the
 * gateway serves live views only and says so on {@code /api/v1/tsdb/status}.
 *
 * @param clickhouseUrl ClickHouse HTTP URL, e.g. {@code http://127.0.0.1:8123} (default: {@code $CLICKHOUSE_URL}, else none)
 * @param user          ClickHouse user (default {@code default})
 * @param password      ClickHouse password (default empty)
 * @param database      database of the sink's tables (default {@code supervisor})
 * @param sinkGroupId   consumer group of the sink, for its lag (default {@code tsdb-sink})
 * @param timeout       ClickHouse query timeout (default 10s)
 */
@ConfigurationProperties("supervisor.gateway.tsdb")
public record TsdbProperties(
        @DefaultValue("") String clickhouseUrl,
        @DefaultValue("default") String user,
        @DefaultValue("") String password,
        @NotBlank @DefaultValue(StoreDefaults.DATABASE) String database,
        @NotBlank @DefaultValue(StoreDefaults.SINK_GROUP_ID) String sinkGroupId,
        @NotNull @DefaultValue("10s") Duration timeout) {
}
