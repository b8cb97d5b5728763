package com.quantumedge.supervisor.launcher;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quantumedge.supervisor.schemas.TopicSpec;

/** Writes records straight to a running {@link LocalStack}'s broker, as data the services read (limits, for one). */
final class StackTopics {

    private StackTopics() {
    }

    /** Produces one record keyed by bot id and waits until the broker has it. */
    static <V> void publish(String bootstrap, TopicSpec<V> topic, String key, V value) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
        }
    }
}
