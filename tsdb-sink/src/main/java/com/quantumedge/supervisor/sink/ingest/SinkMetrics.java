package com.quantumedge.supervisor.sink.ingest;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The sink's meters. Rows per second is the rate of {@code tsdb_sink_rows_written_total}; lag is
 * the sum over assigned partitions of what the consumer has not yet read.
 */
public final class SinkMetrics {

    private final MeterRegistry registry;
    private final Timer batchLatency;
    private final Counter failures;
    private final Counter batches;
    private final Counter loopFailures;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong paused = new AtomicLong();
    private final AtomicLong lastWriteMs = new AtomicLong();

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchLatency = Timer.builder("tsdb.sink.batch.duration")
                .description("time to write one batch to ClickHouse and commit its offsets")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.failures = Counter.builder("tsdb.sink.write.failures")
                .description("batch writes ClickHouse did not accept (each is retried)").register(registry);
        this.loopFailures = Counter.builder("tsdb.sink.loop.failures")
                .description("times the sink loop died of an unexpected error (each restarted with backoff)").register(registry);
        this.batches = Counter.builder("tsdb.sink.batches").description("batches written and committed").register(registry);
        Gauge.builder("tsdb.sink.consumer.lag", lag, AtomicLong::get)
                .description("records on assigned partitions not yet read by the sink").register(registry);
        Gauge.builder("tsdb.sink.buffered.rows", buffered, AtomicLong::get)
                .description("rows read and not yet written").register(registry);
        Gauge.builder("tsdb.sink.paused", paused, AtomicLong::get)
                .description("1 while consumption is paused because ClickHouse is not accepting writes").register(registry);
        Gauge.builder("tsdb.sink.last.write.timestamp", lastWriteMs, AtomicLong::get)
                .description("epoch ms of the last batch ClickHouse accepted").register(registry);
    }

    void rowsWritten(String table, int rows) {
        registry.counter("tsdb.sink.rows.written", "table", table).increment(rows);
    }

    void deadLetter(String topic, String reason) {
        registry.counter("tsdb.sink.dead.letters", "topic", topic, "reason", reason).increment();
    }

    void batchWritten(long nanos) {
        batchLatency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        batches.increment();
        lastWriteMs.set(System.currentTimeMillis());
    }

    public void loopFailed() {
        loopFailures.increment();
    }

    public double loopFailures() {
        return loopFailures.count();
    }

    void writeFailed() {
        failures.increment();
    }

    void lag(long value) {
        lag.set(value);
    }

    void buffered(long rows) {
        buffered.set(rows);
    }

    void paused(boolean value) {
        paused.set(value ? 1 : 0);
    }

    public long lastWriteMs() {
        return lastWriteMs.get();
    }

    public double failures() {
        return failures.count();
    }

    public double batches() {
        return batches.count();
    }
}
