package com.quantumedge.supervisor.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that cannot be decoded. Consumers catch it (or Kafka's
 * {@code RecordDeserializationException} wrapping it) and route the raw record to {@code sup.dlq.v1}
 * with {@link #reason()} instead of stopping.
 */
public class RecordDecodingException extends SerializationException {

    public enum Reason {
        /** Not single-object encoded: the two marker bytes are missing. */
        BAD_HEADER,
        /** Single-object encoded, but with a schema fingerprint no version of this record has. */
        UNKNOWN_FINGERPRINT,
        /** The header is fine, the body is not valid for the schema it names. */
        CORRUPT_BODY
    }

    private final Reason reason;
    private final String topic;

    public RecordDecodingException(Reason reason, String topic, String message, Throwable cause) {
        super(reason + " on " + topic + ": " + message, cause);
        this.reason = reason;
        this.topic = topic;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }
}
