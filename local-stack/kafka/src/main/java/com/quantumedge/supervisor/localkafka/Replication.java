package com.quantumedge.supervisor.localkafka;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.kafka.common.config.TopicConfig;

import com.quantumedge.supervisor.schemas.TopicSpec;

/**
 * How catalog topics are replicated: the replication factor they are created with and the
 * {@code min.insync.replicas} they are created with and checked against. Empty means the broker's
 * default ({@code default.replication.factor}, {@code min.insync.replicas}): 1 and 1 on the single
 * local broker. A production cluster takes 3 and 2, so an {@code acks=all} write survives one broker
 * loss and the topic stays writable with one broker down.
 */
public record Replication(Optional<Short> factor, Optional<Integer> minInsyncReplicas) {

    public static final Replication BROKER_DEFAULTS = new Replication(Optional.empty(), Optional.empty());

    public Replication {
        if (factor.isPresent() && factor.get() < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + factor.get());
        }
        if (minInsyncReplicas.isPresent() && minInsyncReplicas.get() < 1) {
            throw new IllegalArgumentException("min.insync.replicas must be at least 1, was " + minInsyncReplicas.get());
        }
        if (factor.isPresent() && minInsyncReplicas.isPresent() && minInsyncReplicas.get() > factor.get()) {
            throw new IllegalArgumentException("min.insync.replicas " + minInsyncReplicas.get()
                    + " exceeds the replication factor " + factor.get() + ": no acks=all write could succeed");
        }
    }

    public static Replication of(int factor, int minInsyncReplicas) {
        return new Replication(Optional.of((short) factor), Optional.of(minInsyncReplicas));
    }

    /** The catalog's configs of {@code topic} plus {@code min.insync.replicas} when this names one, sorted by key. */
    public Map<String, String> topicConfigs(TopicSpec<?> topic) {
        Map<String, String> configs = new TreeMap<>(topic.configs());
        minInsyncReplicas.ifPresent(n -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(n)));
        return configs;
    }
}
