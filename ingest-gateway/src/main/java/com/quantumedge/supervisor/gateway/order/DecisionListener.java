package com.quantumedge.supervisor.gateway.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
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
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Receives order decisions for this gateway instance. It reads every partition of
 * {@code qe.order-decisions.v1} from the end with {@code assign()} (no consumer group): decisions are
 * keyed by bot id, so the partition of a reply is fixed by the bot, not by the instance that asked;
 * with a group each reply would reach one arbitrary replica. Every replica sees every decision and
 * completes only the correlation ids it is waiting for.
 *
 * <p>Supervised: when the consumer fails it is closed, the restart counted in
 * {@code gateway.order.decisions.listener.restarts}, and a new one positioned at the end after a
 * backoff that doubles up to its maximum (reset once a consumer is positioned). It is the readiness
 * contributor {@code replies}: UP only while a consumer is positioned at the end of every partition and
 * reading, so a decision for a request sent now cannot be missed. Order checks during a restart are
 * denied by their timeout (fail closed).
 */
public class DecisionListener implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionListener.class);
    private static final String SERVICE = "ingest-gateway";

    private final Map<String, Sinks.One<OrderDecision>> waiting = new ConcurrentHashMap<>();
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Thread thread;
    private final Counter ignored;
    private final Counter deadLettered;
    private final Counter restarts;
    private volatile Consumer<byte[], byte[]> current;
    private volatile boolean positioned;
    private volatile String problem = "decision listener not positioned yet";
    private volatile boolean running = true;
    private Duration backoff;

    public DecisionListener(KafkaClientSettings kafka, String instanceId, Duration initialBackoff, Duration maxBackoff,
            MeterRegistry meters) {
        this(() -> new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-decisions-" + instanceId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                new KafkaProducer<>(kafka.producer(Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG, "gateway-decisions-dlq-" + instanceId,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000)),
                        new ByteArraySerializer(), new ByteArraySerializer()),
                initialBackoff, maxBackoff, meters);
    }

    /** @param consumers makes a new consumer for every (re)start */
    DecisionListener(Supplier<Consumer<byte[], byte[]>> consumers, KafkaProducer<byte[], byte[]> deadLetters,
            Duration initialBackoff, Duration maxBackoff, MeterRegistry meters) {
        this.consumers = consumers;
        this.deadLetters = deadLetters;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.backoff = initialBackoff;
        this.ignored = Counter.builder("gateway.order.decisions.ignored")
                .description("Decisions for requests this instance is not waiting for (other replica, or too late)").register(meters);
        this.deadLettered = Counter.builder("gateway.dlq.records").description("Undecodable records sent to the DLQ")
                .tag("reader", "decisions").register(meters);
        this.restarts = Counter.builder("gateway.order.decisions.listener.restarts")
                .description("Decision consumers that failed and were replaced").register(meters);
        Gauge.builder("gateway.order.checks.waiting", waiting, Map::size).description("Order checks awaiting a decision").register(meters);
        this.thread = new Thread(this::run, "gateway-decisions");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True while a consumer is positioned at the end of every partition and reading. */
    public boolean isPositioned() {
        return positioned && thread.isAlive();
    }

    @Override
    public Health health() {
        return isPositioned() ? Health.up().build()
                : Health.down().withDetail("replies", thread.isAlive() ? problem : "decision listener thread ended").build();
    }

    /** Registers interest before the request is sent; the Mono completes with the matching decision. */
    public Mono<OrderDecision> expect(String correlationId) {
        Sinks.One<OrderDecision> sink = Sinks.one();
        waiting.put(correlationId, sink);
        return sink.asMono().doFinally(signal -> waiting.remove(correlationId));
    }

    public void forget(String correlationId) {
        waiting.remove(correlationId);
    }

    private void run() {
        while (running) {
            Consumer<byte[], byte[]> consumer = null;
            try {
                consumer = consumers.get();
                current = consumer;
                read(consumer);
            } catch (RuntimeException e) { // a WakeupException too: only close() may wake this consumer
                if (running) {
                    failed(e);
                }
            } finally {
                positioned = false;
                current = null;
                if (consumer != null) {
                    close(consumer);
                }
            }
            if (running) {
                restarts.increment();
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), maxBackoff);
                problem = "a new decision consumer is being positioned after a failure";
            }
        }
    }

    private void read(Consumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = partitions(consumer);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        positioned = true;
        backoff = initialBackoff;
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                complete(record);
            }
        }
    }

    private void failed(RuntimeException e) {
        problem = "consumer failed, restarting in " + backoff.toMillis() + " ms: " + e;
        log.error("Order decision listener failed; a new consumer starts in {} ms", backoff.toMillis(), e);
    }

    private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.ORDER_DECISIONS.name(), Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                pause(Duration.ofMillis(500));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.warn("Waiting for topic {} metadata", Topics.ORDER_DECISIONS.name());
            }
        }
        throw new WakeupException();
    }

    void complete(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        OrderDecision decision;
        try {
            decision = Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            deadLettered.increment();
            log.warn("Undecodable decision {}-{}@{} sent to the DLQ: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetters.send(DeadLetter.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    record.headers(), SERVICE, DeadLetter.reasonOf(e), e));
            return;
        }
        Sinks.One<OrderDecision> sink = waiting.remove(decision.getCorrelationId());
        if (sink == null) {
            ignored.increment();
        } else {
            sink.tryEmitValue(decision);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void close(Consumer<byte[], byte[]> consumer) {
        try {
            consumer.close(Duration.ofSeconds(1));
        } catch (RuntimeException e) {
            log.debug("Closing a failed decision consumer", e);
        }
    }

    @Override
    public void close() {
        running = false;
        Consumer<byte[], byte[]> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(1));
    }
}
