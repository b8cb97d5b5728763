package com.quantumedge.supervisor.agent.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Everything the agent publishes goes through this bounded, ordered buffer, so that process
 * supervision never waits on Kafka: while the broker is unreachable records pile up (the oldest are
 * dropped beyond the capacity, and counted) and are sent in order when it returns. A record leaves
 * the buffer only once the broker acknowledged it; a record may therefore be sent twice, which
 * consumers tolerate through its event id.
 */
public final class StatusOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusOutbox.class);
    private static final int BATCH = 200;
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(2);

    private final Producer<byte[], byte[]> producer;
    private final int capacity;
    private final Deque<ProducerRecord<byte[], byte[]>> queue = new ArrayDeque<>();
    private final Thread sender;
    private final Counter sent;
    private final Counter dropped;
    private final Counter sendFailures;
    private volatile boolean running = true;

    public StatusOutbox(Producer<byte[], byte[]> producer, int capacity, MeterRegistry registry) {
        this.producer = producer;
        this.capacity = capacity;
        this.sent = Counter.builder("agent.outbox.sent").description("status records acknowledged by Kafka").register(registry);
        this.dropped = Counter.builder("agent.outbox.dropped")
                .description("status records dropped because the outbox was full while Kafka was unreachable").register(registry);
        this.sendFailures = Counter.builder("agent.outbox.send.failures")
                .description("failed send attempts (records stay buffered and are retried)").register(registry);
        Gauge.builder("agent.outbox.size", this, StatusOutbox::size)
                .description("status records waiting for Kafka").register(registry);
        this.sender = new Thread(this::sendLoop, "agent-status-outbox");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Buffers a record for sending; never blocks. */
    public void offer(ProducerRecord<byte[], byte[]> record) {
        synchronized (queue) {
            if (queue.size() >= capacity) {
                queue.removeFirst();
                dropped.increment();
            }
            queue.addLast(record);
            queue.notifyAll();
        }
    }

    public int size() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** True while records wait for the broker, i.e. Kafka is slow or away. */
    public boolean isBacklogged() {
        return size() > 0;
    }

    private void sendLoop() {
        long pauseMs = 100;
        while (running) {
            List<ProducerRecord<byte[], byte[]>> batch = nextBatch();
            if (batch.isEmpty()) {
                continue;
            }
            int delivered = deliver(batch);
            synchronized (queue) {
                for (int i = 0; i < delivered && !queue.isEmpty(); i++) {
                    // The head can only have been dropped by overflow, which removes from the head too.
                    if (queue.peekFirst() == batch.get(i)) {
                        queue.removeFirst();
                    }
                }
            }
            sent.increment(delivered);
            if (delivered < batch.size()) {
                sendFailures.increment();
                sleep(pauseMs);
                pauseMs = Math.min(pauseMs * 2, MAX_RETRY_PAUSE.toMillis());
            } else {
                pauseMs = 100;
            }
        }
    }

    private List<ProducerRecord<byte[], byte[]>> nextBatch() {
        synchronized (queue) {
            if (queue.isEmpty()) {
                try {
                    queue.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
                return List.of();
            }
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(Math.min(BATCH, queue.size()));
            for (ProducerRecord<byte[], byte[]> r : queue) {
                batch.add(r);
                if (batch.size() == BATCH) {
                    break;
                }
            }
            return batch;
        }
    }

    /** Sends a batch and returns how many records from its start the broker acknowledged. */
    private int deliver(List<ProducerRecord<byte[], byte[]>> batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        try {
            for (ProducerRecord<byte[], byte[]> r : batch) {
                acks.add(producer.send(r));
            }
        } catch (RuntimeException e) {
            log.debug("send failed, keeping {} records buffered: {}", size(), e.toString());
        }
        int delivered = 0;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                delivered++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                break;
            } catch (Exception e) {
                log.warn("Kafka did not acknowledge a status record, {} buffered, retrying: {}", size(), e.toString());
                break;
            }
        }
        return delivered;
    }

    /** Waits up to {@code timeout} for the buffer to drain; returns whether it did. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isBacklogged() && System.nanoTime() < deadline) {
            sleep(20);
        }
        return !isBacklogged();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(2));
    }
}
