package com.quantumedge.supervisor.schemas;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic of the catalog: its name, key and value types, and the settings it is provisioned with.
 *
 * @param name        versioned topic name, e.g. {@code qe.heartbeats.v1}
 * @param valueType   generated Avro class of the value, or {@code byte[]} for raw topics (DLQ)
 * @param valueSerde  serde of the value
 * @param partitions  partition count; every bot-keyed topic has the same count so they co-partition
 * @param compacted   true for {@code cleanup.policy=compact}, false for delete
 * @param retention   retention for delete topics, empty for compacted ones
 * @param description what flows on it, written by whom, read by whom
 * @param writers     the service accounts that produce to it: the only ones granted WRITE
 * @param readers     the service accounts that consume it: the only ones granted READ
 */
public record TopicSpec<V>(
        String name,
        Class<V> valueType,
        Serde<V> valueSerde,
        int partitions,
        boolean compacted,
        Optional<Duration> retention,
        String description,
        Set<ServiceAccount> writers,
        Set<ServiceAccount> readers) {

    public TopicSpec {
        writers = ordered(writers);
        readers = ordered(readers);
    }

    private static Set<ServiceAccount> ordered(Set<ServiceAccount> accounts) {
        return Collections.unmodifiableSet(accounts.isEmpty() ? EnumSet.noneOf(ServiceAccount.class) : EnumSet.copyOf(accounts));
    }

    /** Keys are the bot id (or the original key on the DLQ) as UTF-8 text. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public String cleanupPolicy() {
        return compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
    }

    /** Topic-level configs the provisioner creates the topic with and checks it against. */
    public Map<String, String> configs() {
        return retention
                .map(r -> Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy(),
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())))
                .orElseGet(() -> Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy()));
    }

    @Override
    public String toString() {
        return name;
    }
}
