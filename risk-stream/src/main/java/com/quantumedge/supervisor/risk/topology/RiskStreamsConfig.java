package com.quantumedge.supervisor.risk.topology;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka Streams settings of the risk engine. At-least-once with idempotent state: each bot's state
 * records the input offsets it applied, so redelivered inputs change nothing, and replies are
 * visible as soon as they are sent (no transaction commit to wait for). linger.ms=0 because
 * Kafka Streams otherwise batches its producer for 100 ms.
 */
public final class RiskStreamsConfig {

    /** Kafka Streams' own default for {@code statestore.cache.max.bytes}. */
    public static final long DEFAULT_STATE_CACHE_MAX_BYTES = 10L * 1024 * 1024;

    private RiskStreamsConfig() {
    }

    public static Properties properties(String bootstrapServers, String applicationId, String stateDir,
            Duration commitInterval, Duration poll, int lingerMs, int threads, int standbyReplicas, long stateCacheMaxBytes) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        p.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(poll.toMillis()));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(stateCacheMaxBytes));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Integer.toString(lingerMs));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG), "true");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return p;
    }

    /** The defaults of the service: commit every second, poll 5 ms, linger 0, one thread, no standby, 10 MiB state cache. */
    public static Properties defaults(String bootstrapServers, String applicationId, String stateDir) {
        return properties(bootstrapServers, applicationId, stateDir, Duration.ofSeconds(1), Duration.ofMillis(5), 0, 1, 0,
                DEFAULT_STATE_CACHE_MAX_BYTES);
    }
}
