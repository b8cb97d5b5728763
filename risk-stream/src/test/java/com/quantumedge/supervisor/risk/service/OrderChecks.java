package com.quantumedge.supervisor.risk.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

/** Order checks sent to the shared broker and their decisions read from the end of the decisions topic. */
final class OrderChecks implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
            new StringSerializer(), new ByteArraySerializer());
    private final KafkaConsumer<String, byte[]> decisions = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());

    OrderChecks() {
        String topic = Topics.ORDER_DECISIONS.name();
        List<TopicPartition> partitions = decisions.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        decisions.assign(partitions);
        decisions.seekToEnd(partitions);
        partitions.forEach(decisions::position);
    }

    void send(OrderRequest request) {
        String topic = Topics.ORDER_REQUESTS.name();
        producer.send(new ProducerRecord<>(topic, request.getBotId(),
                Topics.ORDER_REQUESTS.valueSerde().serializer().serialize(topic, request)));
        producer.flush();
    }

    /** Whether the request was decided by now or is within {@code wait}. */
    boolean awaitDecision(OrderRequest request, Duration wait) {
        return awaitDecisionOf(request, wait) != null;
    }

    /** The decision answering the request, or null when none came within the wait. */
    OrderDecision awaitDecisionOf(OrderRequest request, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String wanted = request.getCorrelationId().toString();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : decisions.poll(Duration.ofMillis(50))) {
                OrderDecision d = Topics.ORDER_DECISIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
                if (wanted.equals(d.getCorrelationId().toString())) {
                    return d;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        producer.close();
        decisions.close();
    }
}
