package com.quantumedge.supervisor.gateway.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 */
public class DecisionListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DecisionListener.class);
    private static final String SERVICE = "ingest-gateway";

    private final Map<String, Sinks.One<OrderDecision>> waiting = new ConcurrentHashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetters;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Counter ignored;
    private final Counter deadLettered;
    private volatile boolean running = true;

    public DecisionListener(KafkaClientSettings kafka, String instanceId, MeterRegistry meters) {
        this.consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-decisions-" + instanceId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(kafka.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "gateway-decisions-dlq-" + instanceId,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000)),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.ignored = Counter.builder("gateway.order.decisions.ignored")
                .description("Decisions for requests this instance is not waiting for (other replica, or too late)").register(meters);
        this.deadLettered = Counter.builder("gateway.dlq.records").description("Undecodable records sent to the DLQ")
                .tag("reader", "decisions").register(meters);
        Gauge.builder("gateway.order.checks.waiting", waiting, Map::size).description("Order checks awaiting a decision").register(meters);
        this.thread = new Thread(this::run, "gateway-decisions");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** True once every partition is positioned at its end, so no decision for a later request can be missed. */
    public boolean awaitPositioned(Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    complete(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                log.error("Order decision listener stopped", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private List<TopicPartition> partitions() {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.ORDER_DECISIONS.name(), Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                pause();
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

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
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
