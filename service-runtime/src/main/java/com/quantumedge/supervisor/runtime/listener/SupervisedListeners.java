package com.quantumedge.supervisor.runtime.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.GenericMessageListener;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.TopicPartitionOffset.SeekPosition;

import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds a {@link SupervisedListener}: a spring-kafka {@link KafkaMessageListenerContainer} whose
 * consumer and dead-letter producer take the deployment's settings ({@code spring.kafka.*} through
 * {@link KafkaClientSettings}) plus the listener's own keys, with the {@link DeadLetterErrorHandler}.
 *
 * <p>Two ways to read: {@link Builder#assign} takes every partition of the given topics by manual
 * assignment (no consumer group: for services whose {@code ServiceAccount} has none, and for readers
 * where every replica must see every record), looked up again for every new consumer;
 * {@link Builder#subscribe} joins the consumer group named by {@code group.id} in the consumer keys.
 */
public final class SupervisedListeners {

    /** Metric counting replaced consumers, tagged {@code listener=<name>}, unless a listener names its own. */
    public static final String RESTARTS_METRIC = "kafka.listener.restarts";
    /** Metric counting records sent to the DLQ, tagged {@code listener=<name>}, unless a listener gives its own counter. */
    public static final String DEAD_LETTERS_METRIC = "kafka.listener.dead.letters";
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private SupervisedListeners() {
    }

    /**
     * @param name    the readiness contributor's name and the consumer thread's
     * @param service who gives up on a record, in the DLQ's {@code dlq.failed.by}
     */
    public static Builder builder(String name, String service, KafkaClientSettings kafka) {
        return new Builder(name, service, kafka);
    }

    public static final class Builder {
        private final String name;
        private final String service;
        private final KafkaClientSettings kafka;
        private final Map<String, Object> consumer = new HashMap<>();
        private final Map<String, SeekPosition> assigned = new LinkedHashMap<>();
        private final List<String> subscribed = new ArrayList<>();
        private GenericMessageListener<?> listener;
        private ListenerReadiness readiness = ListenerReadiness.RUNNING;
        private RestartBackoff backoff = RestartBackoff.DEFAULT;
        private String deadLetterClientId;
        private String restartsMetric;
        private Counter deadLettered;
        private Duration pollTimeout = Duration.ofMillis(500);
        private Duration idleEventInterval;
        private ConsumerRebalanceListener rebalanceListener;
        private boolean commitOffsets = true;
        private DefaultKafkaProducerFactory<byte[], byte[]> producers;
        private DeadLetters deadLetters;

        private Builder(String name, String service, KafkaClientSettings kafka) {
            this.name = name;
            this.service = service;
            this.kafka = kafka;
            this.deadLetterClientId = name + "-dlq";
        }

        /** The listener's own consumer keys (client id, group id, fetch tuning), on top of the deployment's. */
        public Builder consumer(Map<String, ?> own) {
            consumer.putAll(own);
            return this;
        }

        /** Every partition of {@code topic}, by manual assignment, starting at {@code from} (BEGINNING or END). */
        public Builder assign(String topic, SeekPosition from) {
            assigned.put(topic, from);
            return this;
        }

        /** Joins the group in {@code group.id} for these topics. */
        public Builder subscribe(List<String> topics) {
            subscribed.addAll(topics);
            return this;
        }

        /**
         * A {@code MessageListener<byte[], byte[]>} or {@code BatchMessageListener<byte[], byte[]>} (keys and
         * values stay bytes, so a dead letter carries them as they came), possibly also
         * {@code ConsumerSeekAware}; it throws for a record it cannot apply, which then goes to the DLQ.
         */
        public Builder listener(GenericMessageListener<?> listener) {
            this.listener = listener;
            return this;
        }

        public Builder readiness(ListenerReadiness readiness) {
            this.readiness = readiness;
            return this;
        }

        public Builder restartBackoff(RestartBackoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** The client id of the dead-letter producer ({@code <name>-dlq} by default). */
        public Builder deadLetterClientId(String clientId) {
            this.deadLetterClientId = clientId;
            return this;
        }

        /** A metric name of the listener's own for its restarts, instead of {@link #RESTARTS_METRIC}. */
        public Builder restartsMetric(String metric) {
            this.restartsMetric = metric;
            return this;
        }

        /** A counter of the listener's own for its dead letters, instead of {@link #DEAD_LETTERS_METRIC}. */
        public Builder deadLettered(Counter counter) {
            this.deadLettered = counter;
            return this;
        }

        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = timeout;
            return this;
        }

        /** Calls a {@code ConsumerSeekAware} listener's {@code onIdleContainer} with its positions after this long without records. */
        public Builder idleEventInterval(Duration interval) {
            this.idleEventInterval = interval;
            return this;
        }

        /**
         * Told of partitions assigned and revoked in a group; a {@code ConsumerAwareRebalanceListener}
         * gets the consumer too (to seek), on the consumer's thread.
         */
        public Builder rebalanceListener(ConsumerRebalanceListener listener) {
            this.rebalanceListener = listener;
            return this;
        }

        /**
         * False for a group member that must always start from {@code auto.offset.reset} (no offsets
         * committed, not even spring-kafka's initial one); assigned readers never commit.
         */
        public Builder commitOffsets(boolean commit) {
            this.commitOffsets = commit;
            return this;
        }

        /**
         * For a batch listener that dead-letters a record itself and goes on with its batch (a record
         * listener just throws). Call after {@link #deadLetterClientId} and {@link #deadLettered}.
         */
        public DeadLetters deadLetters(MeterRegistry meters) {
            if (deadLetters == null) {
                producers = new DefaultKafkaProducerFactory<>(kafka.producer(Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG, deadLetterClientId,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000)),
                        new ByteArraySerializer(), new ByteArraySerializer());
                // Made now, not at the first dead letter: a settings problem shows at startup, like the consumer's.
                producers.createProducer().close();
                Counter dlq = deadLettered != null ? deadLettered
                        : Counter.builder(DEAD_LETTERS_METRIC).description("Records a listener could not apply, sent to the DLQ")
                                .tag("listener", name).register(meters);
                deadLetters = DeadLetterErrorHandler.deadLetters(new KafkaTemplate<>(producers), service, dlq);
            }
            return deadLetters;
        }

        public SupervisedListener build(MeterRegistry meters) {
            Objects.requireNonNull(listener, "listener");
            if (assigned.isEmpty() == subscribed.isEmpty()) {
                throw new IllegalStateException(name + ": either assign() or subscribe(), not both or none");
            }
            if (!subscribed.isEmpty() && !consumer.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
                throw new IllegalStateException(name + ": subscribe() needs group.id among the consumer keys");
            }
            DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(kafka.consumer(consumer),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            DeadLetters dlq = deadLetters(meters);
            Counter restarts = restartsMetric != null
                    ? Counter.builder(restartsMetric).description("Consumers of " + name + " that failed and were replaced").register(meters)
                    : Counter.builder(RESTARTS_METRIC).description("Listener consumers that failed and were replaced")
                            .tag("listener", name).register(meters);
            return new SupervisedListener(name, () -> container(consumers, dlq), readiness, backoff, restarts, producers::destroy);
        }

        private AbstractMessageListenerContainer<?, ?> container(DefaultKafkaConsumerFactory<byte[], byte[]> consumers,
                DeadLetters dlq) {
            ContainerProperties properties = assigned.isEmpty() ? new ContainerProperties(subscribed.toArray(String[]::new))
                    : new ContainerProperties(partitions(consumers).toArray(TopicPartitionOffset[]::new));
            if (!assigned.isEmpty() || !commitOffsets) {
                // Nothing is ever acknowledged, so nothing is committed (no group, or one that must not remember).
                properties.setAckMode(ContainerProperties.AckMode.MANUAL);
                properties.setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
            }
            if (rebalanceListener != null) {
                properties.setConsumerRebalanceListener(rebalanceListener);
            }
            properties.setMessageListener(listener);
            properties.setPollTimeout(pollTimeout.toMillis());
            if (idleEventInterval != null) {
                properties.setIdleEventInterval(idleEventInterval.toMillis());
            }
            KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(consumers, properties);
            container.setBeanName(name);
            container.setCommonErrorHandler(DeadLetterErrorHandler.create(dlq));
            return container;
        }

        /** The partitions as the broker has them now (a deployment may have more than the catalog says). */
        private List<TopicPartitionOffset> partitions(DefaultKafkaConsumerFactory<byte[], byte[]> consumers) {
            List<TopicPartitionOffset> partitions = new ArrayList<>();
            try (Consumer<byte[], byte[]> metadata = consumers.createConsumer()) {
                assigned.forEach((topic, from) -> {
                    List<PartitionInfo> infos = metadata.partitionsFor(topic, METADATA_TIMEOUT);
                    if (infos == null || infos.isEmpty()) {
                        throw new IllegalStateException("no metadata for topic " + topic + " yet");
                    }
                    infos.forEach(p -> partitions.add(new TopicPartitionOffset(topic, p.partition(), from)));
                });
            }
            return partitions;
        }
    }
}
