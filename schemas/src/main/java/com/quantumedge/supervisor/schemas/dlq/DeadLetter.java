package com.quantumedge.supervisor.schemas.dlq;

import java.nio.charset.StandardCharsets;

import java.nio.ByteBuffer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.serde.RecordDecodingException;

/**
 * Builds the {@code sup.dlq.v1} record for a record a service could not process: the original key
 * and value bytes untouched, the original headers kept, and {@code dlq.*} headers saying where it
 * came from, who gave up on it and why.
 */
public final class DeadLetter {

    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String FAILED_BY = "dlq.failed.by";
    public static final String REASON = "dlq.reason";
    public static final String MESSAGE = "dlq.message";
    public static final String EXCEPTION = "dlq.exception";
    public static final String TS_MS = "dlq.ts.ms";

    private DeadLetter() {
    }

    /**
     * @param service   name of the service that gave up (e.g. {@code tsdb-sink})
     * @param reason    short machine-readable reason; {@link RecordDecodingException.Reason} names for decoding errors
     */
    public static ProducerRecord<byte[], byte[]> of(String sourceTopic, int partition, long offset,
            byte[] key, byte[] value, Headers originalHeaders, String service, String reason, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header h : originalHeaders) {
                if (!h.key().startsWith("dlq.")) {
                    headers.add(h);
                }
            }
        }
        put(headers, SOURCE_TOPIC, sourceTopic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        put(headers, FAILED_BY, service);
        put(headers, REASON, reason);
        put(headers, MESSAGE, error == null ? "" : String.valueOf(error.getMessage()));
        put(headers, EXCEPTION, error == null ? "" : error.getClass().getName());
        put(headers, TS_MS, Long.toString(System.currentTimeMillis()));
        return new ProducerRecord<>(Topics.DLQ.name(), null, key, value, headers);
    }

    /**
     * The DLQ record for a value (or key) the consumer's deserializer rejected; the consumer then
     * seeks past {@code e.offset()} and goes on.
     */
    public static ProducerRecord<byte[], byte[]> of(RecordDeserializationException e, String service) {
        return of(e.topicPartition().topic(), e.topicPartition().partition(), e.offset(),
                bytes(e.keyBuffer()), bytes(e.valueBuffer()), e.headers(), service, reasonOf(e), e.getCause());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The reason to file a failure under: the decoding reason when it is one, else the exception's simple name. */
    public static String reasonOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RecordDecodingException rde) {
                return rde.reason().name();
            }
        }
        return error == null ? "UNKNOWN" : error.getClass().getSimpleName();
    }

    public static String header(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
