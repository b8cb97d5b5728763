package com.quantumedge.supervisor.gateway.tsdb;

import java.util.Map;

/**
 * Answers {@code GET /api/v1/tsdb/status}. {@code history.TsdbConfiguration} provides the
 * ClickHouse-backed implementation (clickhouse-store's {@code TsdbStatusReader}) when
 * {@code supervisor.gateway.tsdb.clickhouse-url} is set; without it the gateway says honestly that no
 * TSDB is configured.
 */
public interface TsdbStatusSource {

    Map<String, Object> status();
}
