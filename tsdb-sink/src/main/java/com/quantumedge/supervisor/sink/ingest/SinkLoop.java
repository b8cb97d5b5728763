package com.quantumedge.supervisor.sink.ingest;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.ClickHouseException;
import com.quantumedge.supervisor.clickhouse.schema.SinkProgress;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.sink.write.AvroToRowBinary;
import com.quantumedge.supervisor.sink.write.RowEncoder;

/**
 * Reads every sunk topic and writes it to ClickHouse in batches, committing offsets only after
 * ClickHouse accepted every row of the batch and of every batch read before it. A crash between
 * write and commit redelivers those batches; the tables are keyed by event id, so the second copy
 * is merged away.
 *
 * <p>This thread polls, decodes and encodes; up to {@code writers} batches are inserted at once by
 * a {@link WritePipeline} meanwhile, and their offsets are committed here, in read order. A batch is
 * handed over at {@code batchRows} rows or {@code batchDelay} age; while the consumer is behind by
 * more than a batch it grows up to {@code maxBatchRows} / {@code maxBatchBytes} instead: ClickHouse
 * spends much less CPU per row on large inserts (fewer parts to create and merge). When every writer
 * is busy and the batch is full, reading pauses: memory holds {@code writers + 1} batches and a poll.
 *
 * <p>When ClickHouse refuses a write the loop pauses every assigned partition (the consumer stays in
 * its group, lag grows, memory stays bounded), retries with exponential back-off, and resumes
 * reading once the batch is in. Records that cannot be decoded or do not fit their table go to the
 * DLQ with the reason and count as consumed.
 */
public final class SinkLoop implements Runnable, AutoCloseable {

    public static final String SERVICE = "tsdb-sink";

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);
    /** Longer than one insert may take (client timeouts are 30 s by default) so rebalances and closes see it end. */
    private static final long AWAIT_WRITES_NANOS = TimeUnit.SECONDS.toNanos(35);

    /** Called after batches are in ClickHouse and before their offsets (given) are committed. */
    @FunctionalInterface
    public interface BeforeCommit {
        void run(Map<TopicPartition, OffsetAndMetadata> offsets);
    }

    private final SinkSettings settings;
    private final ClickHouse clickHouse;
    private final RowInserter inserter;
    private final TableLayouts layouts;
    private final SinkMetrics metrics;
    private final BeforeCommit beforeCommit;
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final DeadLetterSender deadLetters;
    private final WritePipeline pipeline;
    /** Rows being read. */
    private Batch batch;
    /** By table; used by this thread only. */
    private final Map<String, AvroToRowBinary> encoders = new HashMap<>();
    /** Committed batches kept for their grown buffers. */
    private final ArrayDeque<Batch> spares = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean abandoned;
    private volatile boolean started;
    private volatile RuntimeException failure;
    private boolean closing;
    private long lagUpdatedNanos;
    private boolean paused;
    private boolean failing;
    private long nextAttemptNanos;
    private Duration backoff;

    public SinkLoop(SinkSettings settings, ClickHouse clickHouse, TableLayouts layouts, SinkMetrics metrics) {
        this(settings, clickHouse, clickHouse::insertRowBinary, layouts, metrics, offsets -> { });
    }

    /** {@code clickHouse} records progress in {@code sink_batches}; {@code inserter} takes the rows. */
    public SinkLoop(SinkSettings settings, ClickHouse clickHouse, RowInserter inserter, TableLayouts layouts,
            SinkMetrics metrics, BeforeCommit beforeCommit) {
        this.settings = settings;
        this.clickHouse = clickHouse;
        this.inserter = inserter;
        this.layouts = layouts;
        this.metrics = metrics;
        this.beforeCommit = beforeCommit;
        this.backoff = settings.backoffInitial();
        this.batch = new Batch(settings.maxBatchBytes());
        // Values as views into the fetched bytes: most are encoded from there without a copy.
        this.consumer = new KafkaConsumer<>(SinkClientConfig.consumer(settings), new ByteBufferDeserializer(),
                new ByteBufferDeserializer());
        this.deadLetters = new DeadLetterSender(settings);
        this.pipeline = new WritePipeline(settings.writers(), "tsdb-sink-writer", this::writeBatch);
    }

    @Override
    public void run() {
        started = true;
        try {
            consumer.subscribe(layouts.topics(), new Rebalance());
            while (running) {
                boolean blocked = blocked();
                ConsumerRecords<ByteBuffer, ByteBuffer> records = consumer.poll(blocked ? Duration.ZERO : untilBatchDue());
                read(records);
                settle(blocked && records.isEmpty() ? waitForWriters() : 0);
                retryIfDue();
                if (canSubmit() && due()) {
                    submit();
                }
                updatePause();
                metrics.buffered(pipeline.rows() + batch.rows());
                updateLag();
            }
            if (!abandoned) {
                finish();
            }
        } catch (WakeupException e) {
            // close() woke the poll up.
        } catch (Abandon e) {
            abandoned = true;
            log.warn("sink loop abandoned before commit: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("sink loop interrupted; what is not committed will be read again");
        } catch (RuntimeException e) {
            failure = e;
            log.error("sink loop stopped by an unexpected error", e);
        } finally {
            closeClients();
            stopped.countDown();
        }
    }

    /** The unexpected error the loop died of, if it did; what it left uncommitted is read again by the next loop. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Stops reading at once, without writing or committing what is buffered: what an abrupt kill
     * leaves behind, for tests and for a shutdown that must not wait.
     */
    public void abandon() {
        abandoned = true;
        running = false;
        consumer.wakeup();
    }

    /** Thrown by a {@link BeforeCommit} hook to die between the write and the commit. */
    public static final class Abandon extends RuntimeException {
        public Abandon(String message) {
            super(message);
        }
    }

    /** Writes what is buffered (one attempt), commits, and stops. */
    @Override
    public void close() {
        running = false;
        if (!started) {
            closeClients();
            return;
        }
        try {
            if (!stopped.await(45, TimeUnit.SECONDS)) {
                consumer.wakeup();
                stopped.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(ConsumerRecords<ByteBuffer, ByteBuffer> records) {
        long now = System.currentTimeMillis();
        for (TopicPartition tp : records.partitions()) {
            TableLayout layout = layouts.forTopic(tp.topic()).orElse(null);
            AvroToRowBinary encoder = layout == null ? null : encoders.computeIfAbsent(layout.table(), t -> AvroToRowBinary.of(layout));
            for (ConsumerRecord<ByteBuffer, ByteBuffer> r : records.records(tp)) {
                if (layout != null && r.value() != null) {
                    append(layout, encoder, r, now);
                }
                // Tombstones on compacted topics carry no event: consumed, nothing to store.
                batch.consumed(tp, r.offset());
                if (settings.full(batch.rows(), batch.bytes()) && canSubmit()) {
                    submit();
                }
            }
        }
    }

    /** The row of one record, straight from its bytes when possible, else decoded; what fits neither goes to the DLQ. */
    private void append(TableLayout layout, AvroToRowBinary encoder, ConsumerRecord<ByteBuffer, ByteBuffer> r, long now) {
        Batch.TableRows table = batch.rowsOf(layout);
        int before = table.rows.size();
        ByteBuffer v = r.value();
        boolean direct = v.hasArray()
                && encoder.tryAppend(v.array(), v.arrayOffset() + v.position(), v.remaining(), r.partition(), r.offset(), now, table.rows);
        if (!direct) {
            try {
                IndexedRecord value = (IndexedRecord) layout.topic().valueSerde().deserializer().deserialize(r.topic(), Buffers.copy(v));
                RowEncoder.append(layout, value, r.topic(), r.partition(), r.offset(), now, table.rows);
            } catch (RuntimeException e) {
                deadLetter(r, e);
                return;
            }
        }
        batch.rowAdded(table, table.rows.size() - before);
    }

    private void deadLetter(ConsumerRecord<ByteBuffer, ByteBuffer> r, RuntimeException e) {
        String reason = deadLetters.send(r, e, SERVICE, batch);
        metrics.deadLetter(r.topic(), reason);
        log.warn("record {}-{}@{} sent to the DLQ: {} ({})", r.topic(), r.partition(), r.offset(), reason, e.getMessage());
    }

    /**
     * Nothing to read into (paused), or a due batch waits for a writer: poll without blocking and,
     * when that brought nothing, wait for the writers rather than in poll, so a writer that is done
     * gets its next batch at once.
     */
    private boolean blocked() {
        return paused || (!canSubmit() && due());
    }

    private Duration untilBatchDue() {
        if (batch.isEmpty()) {
            return settings.pollTimeout();
        }
        long left = settings.batchDelay().toNanos() - batch.ageNanos();
        return Duration.ofNanos(Math.max(0, Math.min(left, settings.pollTimeout().toNanos())));
    }

    private long waitForWriters() {
        long wait = settings.pollTimeout().toNanos();
        if (pipeline.hasFailed()) {
            wait = Math.min(wait, Math.max(1, nextAttemptNanos - System.nanoTime()));
        }
        return wait;
    }

    private boolean canSubmit() {
        return pipeline.hasRoom() && !pipeline.failing();
    }

    /** At its size limit, at its age limit, or at {@code batchRows} when no further batch is waiting in Kafka. */
    private boolean due() {
        if (batch.isEmpty()) {
            return false;
        }
        if (settings.full(batch.rows(), batch.bytes()) || batch.ageNanos() >= settings.batchDelay().toNanos()) {
            return true;
        }
        return batch.rows() >= settings.batchRows() && lag() < settings.batchRows();
    }

    private void submit() {
        pipeline.submit(batch);
        batch = spares.isEmpty() ? new Batch(settings.maxBatchBytes()) : spares.pop();
    }

    /** Takes the writers' reports: failures are scheduled for a retry, written batches at the head committed. */
    private void settle(long waitNanos) throws InterruptedException {
        List<WritePipeline.Write> failed = pipeline.collect(waitNanos);
        if (!failed.isEmpty()) {
            failed(failed);
        }
        commit(pipeline.takeCommittable());
        if (failing && !pipeline.failing()) {
            failing = false;
            backoff = settings.backoffInitial();
            metrics.paused(false);
            log.info("ClickHouse accepts writes again; consumption resumed");
        }
    }

    private void failed(List<WritePipeline.Write> writes) {
        long rows = 0;
        for (WritePipeline.Write w : writes) {
            metrics.writeFailed();
            rows += w.batch.rows();
        }
        log.warn("{} batch(es) of {} rows not written, retrying in {} ms: {}", writes.size(), rows, backoff.toMillis(),
                writes.get(0).failure().getMessage());
        if (!failing) {
            failing = true;
            metrics.paused(true);
        }
        nextAttemptNanos = System.nanoTime() + backoff.toNanos();
        backoff = settings.backoff().after(backoff);
    }

    private void retryIfDue() {
        if (pipeline.hasFailed() && System.nanoTime() >= nextAttemptNanos) {
            pipeline.retryFailed();
        }
    }

    /** Paused while ClickHouse fails, or while the batch is full and no writer can take it. */
    private void updatePause() {
        boolean pause = failing || (settings.full(batch.rows(), batch.bytes()) && !canSubmit());
        if (pause && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (!pause && paused) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }

    /** Inserts every table of the batch not yet accepted and waits for its dead letters; runs on a writer thread. */
    private void writeBatch(Batch b) {
        long start = System.nanoTime();
        for (Batch.TableRows t : b.tables()) {
            if (!t.written && t.count > 0) {
                inserter.insert(t.layout.qualified(settings.database()), t.rows.array(), t.rows.size());
                t.written = true;
            }
        }
        deadLetters.awaitAcknowledged(b);
        recordProgress(b.rows(), System.nanoTime() - start);
    }

    /** Commits the offsets of written batches, all read before anything not yet written. */
    private void commit(List<Batch> written) {
        if (written.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Batch b : written) {
            b.addOffsetsTo(offsets);
        }
        beforeCommit.run(offsets);
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // The rows are in; a redelivery of them is merged away by event id.
            log.warn("offsets of written batches not committed ({}); their records will be redelivered", e.getMessage());
        }
        long now = System.nanoTime();
        for (Batch b : written) {
            for (Batch.TableRows t : b.tables()) {
                if (t.count > 0) {
                    metrics.rowsWritten(t.layout.table(), t.count);
                }
            }
            metrics.batchWritten(now - b.submittedNanos());
            recycle(b);
        }
    }

    private void recycle(Batch b) {
        b.clear();
        if (spares.size() < settings.writers()) {
            spares.push(b);
        }
    }

    /** At close: waits for the writers, commits what they wrote, then writes what is read (one attempt each). */
    private void finish() throws InterruptedException {
        List<WritePipeline.Write> failed = pipeline.awaitIdle(AWAIT_WRITES_NANOS);
        if (!failed.isEmpty()) {
            failed(failed);
        }
        commit(pipeline.takeCommittable());
        if (pipeline.isEmpty() && !batch.isEmpty()) {
            tryFlush();
        }
    }

    /** Writes and commits the reading batch on this thread (at close and at rebalance); false when it must be retried. */
    private boolean tryFlush() {
        batch.markSubmitted();
        try {
            writeBatch(batch);
        } catch (RuntimeException e) {
            metrics.writeFailed();
            log.warn("batch of {} rows not written: {}", batch.rows(), e.getMessage());
            return false;
        }
        Batch flushed = batch;
        batch = spares.isEmpty() ? new Batch(settings.maxBatchBytes()) : spares.pop();
        commit(List.of(flushed));
        metrics.buffered(0);
        return true;
    }

    private void recordProgress(int rows, long nanos) {
        try {
            clickHouse.execute(SinkProgress.insert(settings.database(), settings.sinkId(), System.currentTimeMillis(), rows,
                    TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (ClickHouseException e) {
            log.debug("progress of a written batch not recorded: {}", e.getMessage());
        }
    }

    /** Records on assigned partitions not yet read, as far as the last fetches know. */
    private long lag() {
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        return total;
    }

    private void updateLag() {
        long now = System.nanoTime();
        if (now - lagUpdatedNanos < 1_000_000_000L) {
            return;
        }
        lagUpdatedNanos = now;
        metrics.lag(lag());
    }

    private void closeClients() {
        // What is still buffered here was not written: leaving the group must not try again.
        closing = true;
        pipeline.close();
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.debug("consumer close: {}", e.getMessage());
        }
        deadLetters.close();
    }

    /** Hands over only what is written: a revoked partition's unwritten rows are re-read by its next owner. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || abandoned || closing) {
                return;
            }
            awaitWriters();
            commit(pipeline.takeCommittable());
            if (!pipeline.isEmpty() || (!batch.isEmpty() && !tryFlush())) {
                rewindRetained(partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            awaitWriters();
            rewindRetained(partitions);
        }

        private void awaitWriters() {
            try {
                List<WritePipeline.Write> failed = pipeline.awaitIdle(AWAIT_WRITES_NANOS);
                if (!failed.isEmpty()) {
                    failed(failed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Drops what is buffered and not committed; retained partitions are re-read from its first offset. */
        private void rewindRetained(Collection<TopicPartition> revoked) {
            Set<TopicPartition> retained = new HashSet<>(consumer.assignment());
            retained.removeAll(revoked);
            Map<TopicPartition, Long> first = new HashMap<>(batch.firstOffsets());
            for (WritePipeline.Write w : pipeline.drop()) {
                w.batch.firstOffsets().forEach((tp, o) -> first.merge(tp, o, Math::min));
                if (!w.running()) {
                    recycle(w.batch);
                }
            }
            batch.clear();
            metrics.buffered(0);
            first.forEach((tp, offset) -> {
                if (retained.contains(tp)) {
                    consumer.seek(tp, offset);
                }
            });
        }
    }
}
