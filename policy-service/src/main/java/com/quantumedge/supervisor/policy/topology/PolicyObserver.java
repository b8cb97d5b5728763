package com.quantumedge.supervisor.policy.topology;

import org.apache.avro.specific.SpecificRecord;

/**
 * Side effects the topology reports but never depends on (metrics, the tick source's list of
 * bots), so outputs stay a function of inputs alone.
 */
public interface PolicyObserver {

    PolicyObserver NONE = new PolicyObserver() {
    };

    /** A bot whose records this instance processes (also reported for every bot restored from the store). */
    default void botSeen(String botId) {
    }

    default void emitted(SpecificRecord record) {
    }

    default void deadLettered(String topic, String reason) {
    }
}
