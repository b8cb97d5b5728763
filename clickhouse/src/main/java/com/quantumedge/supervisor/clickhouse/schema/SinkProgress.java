package com.quantumedge.supervisor.clickhouse.schema;

/**
 * The sink's progress table ({@link Migrator#PROGRESS_TABLE}): one row per written batch, read by
 * {@code TsdbStatusReader} for the last write and the rows written.
 */
public final class SinkProgress {

    private SinkProgress() {
    }

    /** The row of one batch accepted by ClickHouse at {@code batchMs}. */
    public static String insert(String database, String sinkId, long batchMs, long rows, long durationMs) {
        return "INSERT INTO %s.%s (sink_id, batch_at, batch_ms, rows, duration_ms) VALUES ('%s', now(), %d, %d, %d)"
                .formatted(database, Migrator.PROGRESS_TABLE, sinkId.replace("'", "").replace("\\", ""), batchMs, rows, durationMs);
    }
}
