package com.quantumedge.supervisor.sink.ingest;

import java.time.Duration;

/**
 * What one sink loop needs to run.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param groupId          consumer group; offsets committed only after ClickHouse accepted the batch
 * @param sinkId           name under which batches are recorded in {@code sink_batches}
 * @param database         ClickHouse database of the raw tables
 * @param batchRows        a batch is written once it holds this many rows...
 * @param batchDelay       ...or once its oldest row has waited this long
 * @param backoffInitial   first wait after a failed write; doubles up to {@code backoffMax}
 * @param backoffMax       longest wait between attempts while ClickHouse is down
 * @param pollTimeout      longest a poll blocks
 */
public record SinkSettings(String bootstrapServers, String groupId, String sinkId, String database, int batchRows,
        Duration batchDelay, Duration backoffInitial, Duration backoffMax, Duration pollTimeout) {

    public SinkSettings withGroupId(String group) {
        return new SinkSettings(bootstrapServers, group, sinkId, database, batchRows, batchDelay, backoffInitial,
                backoffMax, pollTimeout);
    }

    public SinkSettings withBatch(int rows, Duration delay) {
        return new SinkSettings(bootstrapServers, groupId, sinkId, database, rows, delay, backoffInitial, backoffMax,
                pollTimeout);
    }
}
