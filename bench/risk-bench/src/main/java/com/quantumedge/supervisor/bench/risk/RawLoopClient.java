package com.quantumedge.supervisor.bench.risk;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** Baseline: produce a record of the same size to a topic and wait until a consumer of that topic sees it. */
final class RawLoopClient implements CheckClient {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaReplies replies;
    private final String topic;
    private final byte[] payload;

    RawLoopClient(KafkaClientSettings kafka, String topic, int payloadBytes) {
        this.topic = topic;
        this.payload = new byte[payloadBytes];
        producer = new KafkaProducer<>(kafka.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(),
                new ByteArraySerializer());
        replies = new KafkaReplies(kafka, topic, r -> new String[] {r.key(), "echo"});
    }

    @Override
    public CompletableFuture<String> check(int i) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> answer = replies.expect(id);
        producer.send(new ProducerRecord<>(topic, id, payload));
        return answer;
    }

    @Override
    public String name() {
        return "raw produce->consume";
    }

    @Override
    public void close() {
        producer.close();
        replies.close();
    }
}
