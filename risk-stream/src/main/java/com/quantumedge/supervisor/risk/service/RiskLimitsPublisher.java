package com.quantumedge.supervisor.risk.service;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.risk.config.RiskStreamProperties;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.schemas.limits.LimitsChanges;
import com.quantumedge.supervisor.schemas.limits.LimitsValidator;

/**
 * Loads the configured limits into the compacted {@code sup.risk-limits.v1}: reads the latest
 * record of every key, publishes the configured ones whose content changed under the next version,
 * and records each change as a RISK_LIMITS_CHANGED event (both planned by schemas'
 * {@link LimitsChanges}, as the gateway's limits API does). Keys not in configuration (published by
 * operators) are left alone. Invalid configured limits stop it before anything is published.
 */
public final class RiskLimitsPublisher {

    private static final Logger log = LoggerFactory.getLogger(RiskLimitsPublisher.class);
    private static final String CLIENT_ID = "risk-limits-publisher";
    private static final String SOURCE = "risk-stream";
    private static final String REASON = "configuration";

    private final KafkaClientSettings kafka;
    private final Clock clock;

    public RiskLimitsPublisher(KafkaClientSettings kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /**
     * @return the records it published
     * @throws IllegalArgumentException naming the key and field of a configured limit that is invalid
     */
    public List<RiskLimits> publish(RiskStreamProperties.Limits config) {
        Map<String, RiskLimits> desired = new LinkedHashMap<>();
        desired.put(Topics.DEFAULT_LIMITS_KEY, config.defaults().toRecord(Topics.DEFAULT_LIMITS_KEY));
        config.bots().forEach((bot, values) -> desired.put(bot, values.toRecord(bot)));
        desired.forEach((key, limits) -> LimitsValidator.validate(limits).stream().findFirst().ifPresent(v -> {
            throw new IllegalArgumentException("supervisor.risk.limits for '" + key + "': " + v.field() + " " + v.message());
        }));
        Map<String, RiskLimits> current = readLatest(Duration.ofSeconds(15));
        List<RiskLimits> changes = LimitsChanges.plan(current, desired, clock.millis(), config.updatedBy(), REASON);
        if (changes.isEmpty()) {
            log.info("Risk limits on {} match configuration ({} keys)", Topics.RISK_LIMITS.name(), desired.size());
            return changes;
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new ByteArraySerializer())) {
            for (RiskLimits limits : changes) {
                RiskLimits previous = current.get(limits.getBotId());
                producer.send(new ProducerRecord<>(Topics.RISK_LIMITS.name(), limits.getBotId(),
                        Topics.RISK_LIMITS.valueSerde().serializer().serialize(Topics.RISK_LIMITS.name(), limits)))
                        .get(15, TimeUnit.SECONDS);
                SupervisorEvent event = LimitsChanges.changedEvent(limits, previous, SOURCE);
                producer.send(new ProducerRecord<>(Topics.EVENTS.name(), limits.getBotId(),
                        Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event)))
                        .get(15, TimeUnit.SECONDS);
                log.info("Published risk limits for {} version {} (by {})", limits.getBotId(), limits.getVersion(),
                        limits.getUpdatedBy());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing risk limits", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish risk limits: " + e.getMessage(), e);
        }
        return changes;
    }

    /** Latest decodable record per key of the compacted limits topic. */
    Map<String, RiskLimits> readLatest(Duration timeout) {
        Map<String, RiskLimits> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.RISK_LIMITS.name(), timeout)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out reading " + Topics.RISK_LIMITS.name());
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        latest.remove(r.key());
                        continue;
                    }
                    try {
                        latest.put(r.key(), Topics.RISK_LIMITS.valueSerde().deserializer().deserialize(r.topic(), r.value()));
                    } catch (RuntimeException e) {
                        log.warn("Ignoring undecodable limits record {}-{}@{}", r.topic(), r.partition(), r.offset());
                    }
                }
            }
        }
        return latest;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
