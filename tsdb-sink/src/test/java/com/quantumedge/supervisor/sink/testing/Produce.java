package com.quantumedge.supervisor.sink.testing;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.TopicSpec;

/** Writes test records to the shared broker as the services would. */
public final class Produce implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    public Produce() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record; the future tells where it landed. */
    @SuppressWarnings("unchecked")
    public <V> Future<RecordMetadata> send(TopicSpec<V> topic, String botId, Object value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), (V) value);
        return producer.send(new ProducerRecord<>(topic.name(), botId.getBytes(), bytes));
    }

    public void sendRaw(String topic, String botId, byte[] value) {
        producer.send(new ProducerRecord<>(topic, botId.getBytes(), value));
    }

    public void sendAll(Map<TopicSpec<?>, SpecificRecord> records, String botId) {
        records.forEach((t, v) -> send(t, botId, v));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
