package com.quantumedge.supervisor.sink.ingest;

import java.time.Duration;

import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * What one sink loop needs to run.
 *
 * @param kafka            what the consumer and dead-letter producer are built from (bootstrap, security)
 * @param groupId          consumer group; offsets committed only after ClickHouse accepted the batch
 * @param sinkId           name under which batches are recorded in {@code sink_batches}
 * @param database         ClickHouse database of the raw tables
 * @param batchRows        a batch is written once it holds this many rows and the consumer is not
 *                         behind by another batch...
 * @param batchDelay       ...or once its oldest row has waited this long
 * @param maxBatchRows     while the consumer is behind (catching up), a batch grows up to this many rows...
 * @param maxBatchBytes    ...or this many bytes of RowBinary, whichever comes first
 * @param writers          batches inserted into ClickHouse at the same time; memory holds at most
 *                         {@code writers + 1} batches and one poll
 * @param backoffInitial   first wait after a failed write; doubles up to {@code backoffMax}
 * @param backoffMax       longest wait between attempts while ClickHouse is down
 * @param pollTimeout      longest a poll blocks
 */
public record SinkSettings(KafkaClientSettings kafka, String groupId, String sinkId, String database, int batchRows,
        Duration batchDelay, int maxBatchRows, long maxBatchBytes, int writers, Duration backoffInitial,
        Duration backoffMax, Duration pollTimeout) {

    public static final int DEFAULT_BATCH_ROWS = 10_000;
    public static final Duration DEFAULT_BATCH_DELAY = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_BATCH_ROWS = 200_000;
    public static final long DEFAULT_MAX_BATCH_BYTES = 16L << 20;
    public static final int DEFAULT_WRITERS = 2;

    public SinkSettings {
        if (batchRows < 1 || maxBatchRows < batchRows) {
            throw new IllegalArgumentException("need 1 <= batchRows <= maxBatchRows, got " + batchRows + " and " + maxBatchRows);
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be positive, got " + maxBatchBytes);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, got " + writers);
        }
    }

    /** How long to wait before retrying a write ClickHouse refused: {@code backoffInitial} doubling up to {@code backoffMax}. */
    public RestartBackoff backoff() {
        return new RestartBackoff(backoffInitial, backoffMax);
    }

    /** The service's defaults (as in {@code SinkProperties}) for a plain broker, a group, its sink id and a database. */
    public static SinkSettings defaults(String bootstrapServers, String groupId, String database) {
        return new SinkSettings(KafkaClientSettings.bootstrap(bootstrapServers), groupId, groupId, database, DEFAULT_BATCH_ROWS, DEFAULT_BATCH_DELAY,
                DEFAULT_MAX_BATCH_ROWS, DEFAULT_MAX_BATCH_BYTES, DEFAULT_WRITERS, Duration.ofMillis(200),
                Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    public SinkSettings withGroupId(String group) {
        return new SinkSettings(kafka, group, sinkId, database, batchRows, batchDelay, maxBatchRows,
                maxBatchBytes, writers, backoffInitial, backoffMax, pollTimeout);
    }

    /** Batches of {@code rows} rows or {@code delay} age; never larger, also when catching up. */
    public SinkSettings withBatch(int rows, Duration delay) {
        return new SinkSettings(kafka, groupId, sinkId, database, rows, delay, rows, maxBatchBytes, writers,
                backoffInitial, backoffMax, pollTimeout);
    }

    public SinkSettings withMaxBatch(int rows, long bytes) {
        return new SinkSettings(kafka, groupId, sinkId, database, batchRows, batchDelay, rows, bytes, writers,
                backoffInitial, backoffMax, pollTimeout);
    }

    public SinkSettings withWriters(int count) {
        return new SinkSettings(kafka, groupId, sinkId, database, batchRows, batchDelay, maxBatchRows,
                maxBatchBytes, count, backoffInitial, backoffMax, pollTimeout);
    }

    public SinkSettings withBackoff(Duration initial, Duration max) {
        return new SinkSettings(kafka, groupId, sinkId, database, batchRows, batchDelay, maxBatchRows,
                maxBatchBytes, writers, initial, max, pollTimeout);
    }

    public SinkSettings withPollTimeout(Duration timeout) {
        return new SinkSettings(kafka, groupId, sinkId, database, batchRows, batchDelay, maxBatchRows,
                maxBatchBytes, writers, backoffInitial, backoffMax, timeout);
    }

    /** True when the batch must be written whatever the consumer's lag: at its size or byte limit. */
    boolean full(int rows, long bytes) {
        return rows >= maxBatchRows || bytes >= maxBatchBytes;
    }
}
