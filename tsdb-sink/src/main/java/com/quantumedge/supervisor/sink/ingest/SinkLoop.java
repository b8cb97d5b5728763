package com.quantumedge.supervisor.sink.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.sink.clickhouse.ClickHouse;
import com.quantumedge.supervisor.sink.clickhouse.ClickHouseException;
import com.quantumedge.supervisor.sink.schema.TableLayout;
import com.quantumedge.supervisor.sink.schema.TableLayouts;
import com.quantumedge.supervisor.sink.write.RowEncoder;

/**
 * Reads every sunk topic and writes it to ClickHouse in batches, committing offsets only after
 * ClickHouse accepted every row of the batch. A crash between write and commit redelivers the
 * batch; the tables are keyed by event id, so the second copy is merged away.
 *
 * <p>Writing is pipelined: a writer thread inserts one batch while this thread reads the next; offsets
 * are committed here, in order, once the writer reports the batch in. At most two batches are held:
 * when the next is full before the writer is done, reading pauses.
 *
 * <p>When ClickHouse refuses a write the loop pauses every assigned partition (the consumer stays in
 * its group, lag grows, memory stays at two batches), retries with exponential back-off, and resumes
 * reading once the batch is in. Records that cannot be decoded or do not fit their table go to the
 * DLQ with the reason and count as consumed.
 */
public final class SinkLoop implements Runnable, AutoCloseable {

    public static final String SERVICE = "tsdb-sink";

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);

    /** Called after the batch is in ClickHouse and before its offsets are committed. */
    @FunctionalInterface
    public interface BeforeCommit {
        void run();
    }

    private final SinkSettings settings;
    private final ClickHouse clickHouse;
    private final TableLayouts layouts;
    private final SinkMetrics metrics;
    private final BeforeCommit beforeCommit;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    /** Rows being read. */
    private Batch batch = new Batch();
    /** The batch the writer thread is inserting (or failed to insert and will retry); null when none. */
    private Batch inFlight;
    private Batch spare = new Batch();
    private Future<?> write;
    private long inFlightStartNanos;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tsdb-sink-writer");
        t.setDaemon(true);
        return t;
    });
    private boolean failing;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean abandoned;
    private volatile boolean started;
    private boolean closing;
    private long lagUpdatedNanos;
    private boolean paused;
    private long nextAttemptNanos;
    private Duration backoff;

    public SinkLoop(SinkSettings settings, ClickHouse clickHouse, TableLayouts layouts, SinkMetrics metrics) {
        this(settings, clickHouse, layouts, metrics, () -> { });
    }

    public SinkLoop(SinkSettings settings, ClickHouse clickHouse, TableLayouts layouts, SinkMetrics metrics,
            BeforeCommit beforeCommit) {
        this.settings = settings;
        this.clickHouse = clickHouse;
        this.layouts = layouts;
        this.metrics = metrics;
        this.beforeCommit = beforeCommit;
        this.backoff = settings.backoffInitial();
        this.consumer = new KafkaConsumer<>(consumerProps(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(producerProps(settings), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void run() {
        started = true;
        try {
            consumer.subscribe(layouts.topics(), new Rebalance());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    accept(r);
                }
                completeWrite(false);
                retryIfDue();
                if (inFlight == null && batch.due(settings.batchRows(), settings.batchDelay().toNanos())) {
                    submit();
                } else if (inFlight != null && !paused && batch.rows() >= settings.batchRows()) {
                    // Two batches in memory at most: read no more until the writer is done.
                    pause();
                } else if (paused && inFlight == null) {
                    resume();
                }
                updateLag();
            }
            if (!abandoned) {
                completeWrite(true);
                if (inFlight == null && !batch.isEmpty()) {
                    tryFlush();
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll up.
        } catch (Abandon e) {
            abandoned = true;
            log.warn("sink loop abandoned before commit: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("sink loop stopped by an unexpected error", e);
        } finally {
            closeClients();
            stopped.countDown();
        }
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
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                consumer.wakeup();
                stopped.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        TableLayout layout = layouts.forTopic(r.topic()).orElse(null);
        if (layout != null && r.value() != null) {
            Batch.TableRows table = batch.rowsOf(layout);
            try {
                IndexedRecord value = (IndexedRecord) layout.topic().valueSerde().deserializer().deserialize(r.topic(), r.value());
                RowEncoder.append(layout, value, r.topic(), r.partition(), r.offset(), System.currentTimeMillis(), table.rows);
                batch.rowAdded(table);
            } catch (RuntimeException e) {
                deadLetter(r, e);
            }
        }
        // Tombstones on compacted topics carry no event: consumed, nothing to store.
        batch.consumed(tp, r.offset());
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> r, RuntimeException e) {
        String reason = DeadLetter.reasonOf(e);
        ProducerRecord<byte[], byte[]> dlq = DeadLetter.of(r.topic(), r.partition(), r.offset(), r.key(), r.value(),
                r.headers(), SERVICE, reason, e);
        batch.deadLetters.add(new Batch.DeadLetterSend(dlq, deadLetters.send(dlq)));
        metrics.deadLetter(r.topic(), reason);
        log.warn("record {}-{}@{} sent to {}: {} ({})", r.topic(), r.partition(), r.offset(), dlq.topic(), reason,
                e.getMessage());
    }

    /** Hands the batch to the writer thread and goes on reading into the spare one. */
    private void submit() {
        inFlight = batch;
        batch = spare;
        spare = null;
        inFlightStartNanos = System.nanoTime();
        startWrite();
    }

    private void startWrite() {
        Batch b = inFlight;
        write = writer.submit(() -> writeBatch(b));
    }

    private void retryIfDue() {
        if (inFlight != null && write == null && System.nanoTime() >= nextAttemptNanos) {
            startWrite();
        }
    }

    /** When the write is done: commit its offsets (on this thread: the consumer is not thread-safe) or schedule a retry. */
    private void completeWrite(boolean wait) {
        if (write == null || (!wait && !write.isDone())) {
            return;
        }
        try {
            write.get();
        } catch (ExecutionException e) {
            write = null;
            failed(inFlight.rows(), e.getCause());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        write = null;
        commit(inFlight, inFlightStartNanos);
        Batch done = inFlight;
        inFlight = null;
        done.clear();
        spare = done;
        backoff = settings.backoffInitial();
        if (paused) {
            resume();
        }
    }

    private void failed(int rows, Throwable e) {
        metrics.writeFailed();
        metrics.buffered((long) rows + batch.rows());
        log.warn("batch of {} rows not written, retrying in {} ms: {}", rows, backoff.toMillis(), e.getMessage());
        if (!paused) {
            pause();
        }
        if (!failing) {
            failing = true;
            metrics.paused(true);
        }
        nextAttemptNanos = System.nanoTime() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : backoff.multipliedBy(2);
    }

    private void pause() {
        consumer.pause(consumer.assignment());
        paused = true;
    }

    private void resume() {
        consumer.resume(consumer.assignment());
        paused = false;
        if (failing) {
            failing = false;
            metrics.paused(false);
            log.info("ClickHouse accepts writes again; consumption resumed");
        }
    }

    /** Inserts every table of the batch not yet accepted and waits for its dead letters; runs on the writer thread. */
    private void writeBatch(Batch b) {
        for (Batch.TableRows t : b.tables()) {
            if (!t.written && t.count > 0) {
                clickHouse.insertRowBinary(t.layout.qualified(settings.database()), t.rows.array(), t.rows.size());
                t.written = true;
            }
        }
        awaitDeadLetters(b);
    }

    private void commit(Batch b, long startNanos) {
        beforeCommit.run();
        try {
            consumer.commitSync(b.offsetsToCommit());
        } catch (KafkaException e) {
            // The rows are in; a redelivery of them is merged away by event id.
            log.warn("offsets of a written batch not committed ({}); its records will be redelivered", e.getMessage());
        }
        for (Batch.TableRows t : b.tables()) {
            if (t.count > 0) {
                metrics.rowsWritten(t.layout.table(), t.count);
            }
        }
        long nanos = System.nanoTime() - startNanos;
        metrics.batchWritten(nanos);
        recordProgress(b.rows(), nanos);
        metrics.buffered(batch.rows());
    }

    /** Writes and commits the reading batch on this thread (at close and at rebalance); false when it must be retried. */
    private boolean tryFlush() {
        long start = System.nanoTime();
        try {
            writeBatch(batch);
        } catch (RuntimeException e) {
            metrics.writeFailed();
            log.warn("batch of {} rows not written: {}", batch.rows(), e.getMessage());
            return false;
        }
        commit(batch, start);
        batch.clear();
        metrics.buffered(0);
        return true;
    }

    private void awaitDeadLetters(Batch batch) {
        deadLetters.flush();
        List<Batch.DeadLetterSend> resend = new ArrayList<>();
        for (Batch.DeadLetterSend d : batch.deadLetters) {
            try {
                d.send().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                resend.add(new Batch.DeadLetterSend(d.record(), deadLetters.send(d.record())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while sending dead letters", e);
            }
        }
        batch.deadLetters.clear();
        batch.deadLetters.addAll(resend);
        if (!resend.isEmpty()) {
            throw new KafkaException(resend.size() + " dead letters not acknowledged");
        }
    }

    private void recordProgress(int rows, long nanos) {
        try {
            clickHouse.execute("INSERT INTO %s.sink_batches (sink_id, batch_at, batch_ms, rows, duration_ms) VALUES ('%s', now(), %d, %d, %d)"
                    .formatted(settings.database(), settings.sinkId().replace("'", ""), System.currentTimeMillis(), rows,
                            TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (ClickHouseException e) {
            log.debug("progress of a written batch not recorded: {}", e.getMessage());
        }
    }

    private void updateLag() {
        long now = System.nanoTime();
        if (now - lagUpdatedNanos < 1_000_000_000L) {
            return;
        }
        lagUpdatedNanos = now;
        long total = 0;
        for (TopicPartition tp : consumer.assignment()) {
            total += consumer.currentLag(tp).orElse(0);
        }
        metrics.lag(total);
    }

    private void closeClients() {
        // What is still buffered here was not written: leaving the group must not try again.
        closing = true;
        writer.shutdownNow();
        try {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            log.debug("consumer close: {}", e.getMessage());
        }
        deadLetters.close(Duration.ofSeconds(5));
    }

    /** Hands over only what is written: a revoked partition's unwritten rows are re-read by its next owner. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty() || abandoned || closing) {
                return;
            }
            if (inFlight != null) {
                completeWrite(true);
                if (inFlight != null) {
                    rewindRetained(partitions);
                    return;
                }
            }
            if (!batch.isEmpty() && !tryFlush()) {
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
            if (write != null) {
                try {
                    write.get();
                } catch (ExecutionException | InterruptedException e) {
                    // Lost partitions cannot be committed either way.
                }
                write = null;
            }
            rewindRetained(partitions);
        }

        /** Drops what is buffered and not committed; retained partitions are re-read from its first offset. */
        private void rewindRetained(Collection<TopicPartition> revoked) {
            Set<TopicPartition> retained = new HashSet<>(consumer.assignment());
            retained.removeAll(revoked);
            Map<TopicPartition, Long> first = new HashMap<>(batch.firstOffsets());
            if (inFlight != null) {
                inFlight.firstOffsets().forEach((tp, o) -> first.merge(tp, o, Math::min));
                inFlight.clear();
                spare = inFlight;
                inFlight = null;
                write = null;
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

    private static Properties consumerProps(SinkSettings s) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, s.sinkId() + "-consumer");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // One poll can fill a batch, and large fetches on OS-tuned socket buffers: the loop is serial,
        // so every fetch round trip not saved is time the insert does not run.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.max(500, Math.min(s.batchRows(), 20_000))));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, "-1");
        // A sink that died is replaced within seconds, not the default 45.
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        // Paused while ClickHouse is down the loop still polls, so it stays in the group however long the outage.
        p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "300000");
        return p;
    }

    private static Properties producerProps(SinkSettings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, s.sinkId() + "-dlq");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return p;
    }
}
