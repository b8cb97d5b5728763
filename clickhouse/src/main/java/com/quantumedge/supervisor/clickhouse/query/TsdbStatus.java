package com.quantumedge.supervisor.clickhouse.query;

/**
 * What {@code /api/v1/tsdb/status} shows.
 *
 * @param enabled       whether the sink is configured on
 * @param reachable     whether ClickHouse answered a ping just now
 * @param serverVersion ClickHouse version, null when unreachable
 * @param database      database of the sink's tables
 * @param consumerLag   records on sunk topics not yet committed by the sink's group; null when Kafka did not answer
 * @param lastWriteMs   epoch ms of the last batch ClickHouse accepted, null before the first
 * @param rowsWritten   rows written over the kept history of batches
 * @param batches       batches written over the kept history
 * @param error         why something is unknown, or null
 */
public record TsdbStatus(boolean enabled, boolean reachable, String serverVersion, String database, Long consumerLag,
        Long lastWriteMs, long rowsWritten, long batches, String error) {
}
