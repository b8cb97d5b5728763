package com.quantumedge.supervisor.runtime.listener;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.FixedBackOff;

import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

import io.micrometer.core.instrument.Counter;

/**
 * The error handler of every listener: a record its listener throws on is sent to
 * {@code sup.dlq.v1} at once (no retries: the listeners throw for records they cannot decode or
 * apply, which a retry would not change) in the project's {@link DeadLetter} format (original key,
 * value and headers, {@code dlq.*} headers with the reason), and the next record is processed.
 * spring-kafka's own {@code kafka_dlt-*} headers are left out: {@code dlq.*} already says it all.
 */
final class DeadLetterErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterErrorHandler.class);
    /** A DLQ the broker does not take within this is logged and skipped, not waited for: the listener must go on. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(3);

    private DeadLetterErrorHandler() {
    }

    /** Sends to the DLQ, counts and logs; what a batch listener calls itself. */
    static DeadLetters deadLetters(KafkaOperations<byte[], byte[]> template, String service, Counter deadLettered) {
        DeadLetterPublishingRecoverer recoverer = recoverer(template, service);
        return (record, e) -> {
            deadLettered.increment();
            Throwable cause = cause(e);
            log.warn("{} sends {}-{}@{} to the DLQ ({}): {}", service, record.topic(), record.partition(), record.offset(),
                    DeadLetter.reasonOf(cause), cause.toString());
            recoverer.accept(record, e);
        };
    }

    static DefaultErrorHandler create(DeadLetters deadLetters) {
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters::send, new FixedBackOff(0L, 0L));
        handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
        return handler;
    }

    private static DeadLetterPublishingRecoverer recoverer(KafkaOperations<byte[], byte[]> deadLetters, String service) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (record, e) -> new TopicPartition(Topics.DLQ.name(), -1));
        recoverer.excludeHeader(HeadersToAdd.values());
        recoverer.setExceptionHeadersCreator((headers, e, isKey, names) -> {
        });
        recoverer.setHeadersFunction((record, e) -> reasonHeaders(record, cause(e), service));
        recoverer.setWaitForSendResultTimeout(SEND_TIMEOUT);
        recoverer.setFailIfSendResultIsError(false);
        return recoverer;
    }

    /** The {@code dlq.*} headers {@link DeadLetter} puts on a dead letter; the original headers are copied by the recoverer. */
    private static Headers reasonHeaders(ConsumerRecord<?, ?> record, Throwable cause, String service) {
        ProducerRecord<byte[], byte[]> letter = DeadLetter.of(record.topic(), record.partition(), record.offset(), null, null,
                null, service, DeadLetter.reasonOf(cause), cause);
        return new RecordHeaders(letter.headers().toArray());
    }

    /** What the listener threw, not spring-kafka's wrapper around it. */
    private static Throwable cause(Throwable e) {
        Throwable t = e;
        while (t instanceof ListenerExecutionFailedException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
