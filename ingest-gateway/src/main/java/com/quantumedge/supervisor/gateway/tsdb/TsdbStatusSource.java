package com.quantumedge.supervisor.gateway.tsdb;

import java.util.Map;

/**
 * Answers {@code GET /api/v1/tsdb/status}. The tsdb-sink module provides the ClickHouse-backed
 * implementation; without one the gateway says honestly that no TSDB is configured.
 */
public interface TsdbStatusSource {

    Map<String, Object> status();
}
