package com.quantumedge.supervisor.policy.replay;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/**
 * One record as recorded from a topic: the value is the decoded Avro record, or the raw bytes
 * when it was kept undecoded (a replay dead-letters undecodable bytes just like the service).
 */
public record RecordedRecord(String topic, String key, Object value, long timestampMs) {

    public RecordedRecord {
        Objects.requireNonNull(topic, "topic");
        if (value != null && !(value instanceof SpecificRecord) && !(value instanceof byte[])) {
            throw new IllegalArgumentException("value must be an Avro record or bytes, not " + value.getClass());
        }
    }

    public static RecordedRecord of(String topic, String key, Object value, long timestampMs) {
        return new RecordedRecord(topic, key, value, timestampMs);
    }
}
