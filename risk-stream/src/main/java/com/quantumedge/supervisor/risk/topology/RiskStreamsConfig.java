package com.quantumedge.supervisor.risk.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * Kafka Streams settings of the risk engine. At-least-once with idempotent state: each bot's state
 * records the input offsets it applied, so redelivered inputs change nothing, and replies are
 * visible as soon as they are sent (no transaction commit to wait for). linger.ms=0 because
 * Kafka Streams otherwise batches its producer for 100 ms. Connection and security settings, and any
 * other key these do not set (replication.factor, topic.*), come from {@link KafkaClientSettings}.
 */
public final class RiskStreamsConfig {

    /** Kafka Streams' own default for {@code statestore.cache.max.bytes}. */
    public static final long DEFAULT_STATE_CACHE_MAX_BYTES = 10L * 1024 * 1024;

    private RiskStreamsConfig() {
    }

    /**
     * @param standbyReplicas null: {@code num.standby.replicas} from the client settings ({@code spring.kafka.streams.properties.*}),
     *                        else Kafka's default 0
     */
    public static Properties properties(KafkaClientSettings kafka, String applicationId, String stateDir,
            Duration commitInterval, Duration poll, int lingerMs, int threads, Integer standbyReplicas, long stateCacheMaxBytes) {
        Map<String, Object> p = ownKeys(commitInterval, poll, lingerMs, threads, standbyReplicas, stateCacheMaxBytes);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        return kafka.streams(p);
    }

    /** The risk engine's own keys, without application id and state dir (the Streams runtime adds those). */
    public static Map<String, Object> ownKeys(Duration commitInterval, Duration poll, int lingerMs, int threads,
            Integer standbyReplicas, long stateCacheMaxBytes) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        p.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(poll.toMillis()));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        if (standbyReplicas != null) {
            p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
        }
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(stateCacheMaxBytes));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.toString(lingerMs));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), "true");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    /** The defaults of the service against a plain broker: commit every second, poll 5 ms, linger 0, one thread, no standby, 10 MiB state cache. */
    public static Properties defaults(String bootstrapServers, String applicationId, String stateDir) {
        return properties(KafkaClientSettings.bootstrap(bootstrapServers), applicationId, stateDir, Duration.ofSeconds(1),
                Duration.ofMillis(5), 0, 1, null, DEFAULT_STATE_CACHE_MAX_BYTES);
    }
}
