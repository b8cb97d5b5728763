package com.quantumedge.supervisor.runtime.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

/** Writes a test's records to its topic and finds its dead letters on sup.dlq.v1 (read from where the DLQ ended at open). */
final class TestRecords implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> dlq;

    TestRecords(String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.dlq = SharedKafkaBroker.readerFromEnd(Topics.DLQ.name());
    }

    void send(String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    /** The first dead letter from this test's topic, within 10 s. */
    ConsumerRecord<byte[], byte[]> deadLetter() {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(200))) {
                if (topic.equals(DeadLetter.header(r.headers(), DeadLetter.SOURCE_TOPIC))) {
                    return r;
                }
            }
        }
        throw new AssertionError("no dead letter from " + topic + " within 10 s");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(1));
        dlq.close(Duration.ofSeconds(1));
    }
}
