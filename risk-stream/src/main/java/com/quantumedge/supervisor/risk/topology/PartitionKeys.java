package com.quantumedge.supervisor.risk.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The "topic-partition" names a bot's state keeps its applied offsets under, built once per input
 * partition instead of once per record.
 */
final class PartitionKeys {

    private final Map<String, String[]> byTopic = new HashMap<>();

    String of(String topic, int partition) {
        String[] keys = byTopic.get(topic);
        if (keys == null || partition >= keys.length) {
            keys = keys == null ? new String[partition + 1] : Arrays.copyOf(keys, partition + 1);
            byTopic.put(topic, keys);
        }
        String key = keys[partition];
        if (key == null) {
            key = topic + "-" + partition;
            keys[partition] = key;
        }
        return key;
    }
}
