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
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.ConsumerAwareMessageListener;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.runtime.listener.ListenerReadiness;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The latest record per key of the compacted {@code sup.risk-limits.v1}, as the risk engine's global
 * store holds it, read by manual assignment of every partition from the beginning, no group (the
 * gateway's account has none, and every replica holds every key). The latest offset of a key wins and
 * a tombstone removes it, exactly as in risk-stream. Caught up once it has read to the end offsets it
 * found at start; a writer can wait until the view has applied the offset it produced.
 *
 * <p>Runs as a {@link SupervisedListener} ({@link #supervised}), the readiness contributor
 * {@code limits}: UP while a consumer runs and the view has caught up. A replaced consumer resumes
 * where the last one stopped, so the view stays whole. An undecodable record goes to the DLQ.
 */
public class RiskLimitsView implements ConsumerAwareMessageListener<byte[], byte[]>, ConsumerSeekAware, ListenerReadiness {

    static final String READINESS = "limits";
    static final String SERVICE = "ingest-gateway";

    private record Waiter(long offset, CompletableFuture<Void> applied) {
    }

    private final Map<String, RiskLimits> latest = new ConcurrentHashMap<>();
    /** Per partition, the offset after the last one read: where a new consumer resumes. */
    private final Map<TopicPartition, Long> applied = new ConcurrentHashMap<>();
    private final List<Map.Entry<TopicPartition, Waiter>> waiters = new CopyOnWriteArrayList<>();
    private final Counter deadLettered;
    private volatile Map<TopicPartition, Long> endAtStart;
    private volatile boolean caughtUp;

    public RiskLimitsView(MeterRegistry meters) {
        this.deadLettered = Counter.builder("gateway.dlq.records").description("Undecodable records sent to the DLQ")
                .tag("reader", "limits").register(meters);
    }

    /** The supervised consumer of this view, not started yet; also the readiness contributor {@code limits}. */
    public SupervisedListener supervised(KafkaClientSettings kafka, MeterRegistry meters) {
        return SupervisedListeners.builder(READINESS, SERVICE, kafka)
                .consumer(Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG, "gateway-limits",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                        // Few, rare records: a short wait makes a change visible (and its PUT answered) quickly.
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))
                // At the end first: the positions it reports are the ends to catch up to; then back to the start.
                .assign(Topics.RISK_LIMITS.name(), SeekPosition.END)
                .listener(this)
                .readiness(this)
                .deadLetterClientId("gateway-limits-dlq")
                .deadLettered(deadLettered)
                // Where there is nothing to read, an idle consumer's positions show it caught up.
                .idleEventInterval(Duration.ofMillis(500))
                .pollTimeout(Duration.ofMillis(200))
                .build(meters);
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

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> ends, ConsumerSeekCallback callback) {
        if (endAtStart == null) {
            endAtStart = Map.copyOf(ends);
        }
        for (TopicPartition tp : ends.keySet()) {
            Long resume = applied.get(tp);
            if (resume == null) {
                callback.seekToBeginning(tp.topic(), tp.partition());
            } else {
                callback.seek(tp.topic(), tp.partition(), resume);
            }
        }
        checkCaughtUp();
    }

    @Override
    public void onIdleContainer(Map<TopicPartition, Long> positions, ConsumerSeekCallback callback) {
        positions.forEach((tp, position) -> applied.merge(tp, position, Math::max));
        checkCaughtUp();
        completeWaiters();
    }

    /** @throws RuntimeException for an undecodable record, which the error handler sends to the DLQ */
    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> record, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
        try {
            apply(record);
        } finally {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            applied.merge(tp, record.offset() + 1, Math::max);
            if (!caughtUp && endAtStart != null) {
                // A partition can end in offsets that hold no record (transaction markers): its position says it is read.
                endAtStart.keySet().forEach(p -> applied.merge(p, consumer.position(p), Math::max));
            }
            checkCaughtUp();
            completeWaiters();
        }
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
        latest.put(key, Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
    }

    private void checkCaughtUp() {
        Map<TopicPartition, Long> ends = endAtStart;
        if (!caughtUp && ends != null) {
            caughtUp = ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || applied.getOrDefault(e.getKey(), 0L) >= e.getValue());
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
    public String whyNotReady() {
        return caughtUp ? null : "risk limits view still reading " + Topics.RISK_LIMITS.name();
    }

    /** Closing: nobody will apply what writers wait for. */
    public void close() {
        waiters.forEach(w -> w.getValue().applied().completeExceptionally(new IllegalStateException("limits view closed")));
    }
}
