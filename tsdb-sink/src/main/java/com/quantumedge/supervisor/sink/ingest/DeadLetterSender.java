package com.quantumedge.supervisor.sink.ingest;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/**
 * Sends records the sink cannot store to the DLQ with the reason, and makes a batch wait for their
 * acknowledgement before it counts as written. Thread-safe (the producer is): the consumer thread
 * sends, writer threads wait.
 */
final class DeadLetterSender implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetterSender(SinkSettings settings) {
        this.producer = new KafkaProducer<>(SinkClientConfig.deadLetterProducer(settings), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Starts sending the record's dead letter; returns the reason given. */
    String send(ConsumerRecord<ByteBuffer, ByteBuffer> r, RuntimeException e, String failedBy, Batch batch) {
        String reason = DeadLetter.reasonOf(e);
        ProducerRecord<byte[], byte[]> dlq = DeadLetter.of(r.topic(), r.partition(), r.offset(), Buffers.copy(r.key()),
                Buffers.copy(r.value()), r.headers(), failedBy, reason, e);
        batch.deadLetters.add(new Batch.DeadLetterSend(dlq, producer.send(dlq)));
        return reason;
    }

    /** Waits for the batch's dead letters; those not acknowledged are sent again and the batch is not written yet. */
    void awaitAcknowledged(Batch batch) {
        producer.flush();
        List<Batch.DeadLetterSend> resend = new ArrayList<>();
        for (Batch.DeadLetterSend d : batch.deadLetters) {
            try {
                d.send().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                resend.add(new Batch.DeadLetterSend(d.record(), producer.send(d.record())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while sending dead letters", e);
            }
        }
        batch.deadLetters.clear();
        batch.deadLetters.addAll(resend);
        if (!resend.isEmpty()) {
            throw new KafkaException(resend.size() + " dead letters not acknowledged");
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
