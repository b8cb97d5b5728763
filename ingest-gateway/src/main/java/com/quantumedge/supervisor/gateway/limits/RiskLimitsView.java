package com.quantumedge.supervisor.gateway.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The latest record per key of the compacted {@code sup.risk-limits.v1}, as the risk engine's global
 * store holds it: one plain consumer on a background thread, {@code assign()} to every partition from
 * the beginning, no group (every replica holds every key). The latest offset of a key wins and a
 * tombstone removes it, exactly as in risk-stream. Caught up once it has read to the end offsets it
 * found at start; a writer can wait until the view has applied the offset it produced.
 */
public class RiskLimitsView implements AutoCloseable {

    static final String SERVICE = "ingest-gateway";
    private static final Logger log = LoggerFactory.getLogger(RiskLimitsView.class);

    private record Waiter(long offset, CompletableFuture<Void> applied) {
    }

    private final Map<String, RiskLimits> latest = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private final List<Map.Entry<TopicPartition, Waiter>> waiters = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Counter deadLettered;
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean running = true;

    public RiskLimitsView(KafkaClientSettings kafka, MeterRegistry meters) {
        this.consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-limits",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                // Few, rare records: a short wait makes a change visible (and its PUT answered) quickly.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(kafka.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "gateway-limits-dlq",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000)),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.deadLettered = Counter.builder("gateway.dlq.records").description("Undecodable records sent to the DLQ")
                .tag("reader", "limits").register(meters);
        this.thread = new Thread(this::run, "gateway-limits");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once every record present at start has been read; before that the view may miss keys. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** The record in force for a key: {@link Topics#DEFAULT_LIMITS_KEY} or a bot id. */
    public Optional<RiskLimits> record(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    /** Every key with a record, sorted, the defaults key included. */
    public List<String> keys() {
        return List.copyOf(new TreeMap<>(latest).keySet());
    }

    /** Completes once the view has applied the record at {@code offset} of {@code partition} (or any later one). */
    public CompletableFuture<Void> applied(int partition, long offset) {
        TopicPartition tp = new TopicPartition(Topics.RISK_LIMITS.name(), partition);
        Waiter waiter = new Waiter(offset, new CompletableFuture<>());
        waiters.add(Map.entry(tp, waiter));
        completeWaiters();
        return waiter.applied();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
            while (running) {
                for (TopicPartition tp : partitions) {
                    applied.put(tp, consumer.position(tp));
                }
                if (!caughtUp) {
                    caughtUp = endAtStart.entrySet().stream().allMatch(e -> applied.getOrDefault(e.getKey(), 0L) >= e.getValue());
                }
                completeWaiters();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                log.error("Risk limits view consumer stopped", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(1));
            waiters.forEach(w -> w.getValue().applied().completeExceptionally(new IllegalStateException("limits view closed")));
        }
    }

    private List<TopicPartition> partitions() {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.RISK_LIMITS.name(), Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                Thread.sleep(500);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Waiting for topic {} metadata", Topics.RISK_LIMITS.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        return List.of();
    }

    void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String key = new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
            latest.remove(key);
            return;
        }
        try {
            latest.put(key, Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            deadLettered.increment();
            log.warn("Undecodable record {}-{}@{} sent to the DLQ: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetters.send(DeadLetter.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    record.headers(), SERVICE, DeadLetter.reasonOf(e), e));
        }
    }

    private void completeWaiters() {
        List<Map.Entry<TopicPartition, Waiter>> done = new ArrayList<>();
        for (Map.Entry<TopicPartition, Waiter> w : waiters) {
            Long position = applied.get(w.getKey());
            if (position != null && position > w.getValue().offset()) {
                w.getValue().applied().complete(null);
                done.add(w);
            }
        }
        waiters.removeAll(done);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(1));
    }
}
