package com.quantumedge.supervisor.bench.risk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** A consumer thread reading a reply topic from its end and completing the pending futures by correlation id. */
final class KafkaReplies implements AutoCloseable {

    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param answer maps a reply record to (correlation id, answer) */
    KafkaReplies(KafkaClientSettings kafka, String topic, Function<ConsumerRecord<String, byte[]>, String[]> answer) {
        consumer = new KafkaConsumer<>(kafka.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    String[] idAndAnswer = answer.apply(r);
                    CompletableFuture<String> f = pending.remove(idAndAnswer[0]);
                    if (f != null) {
                        f.complete(idAndAnswer[1]);
                    }
                }
            }
            consumer.close();
        }, "replies-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<String> expect(String correlationId) {
        CompletableFuture<String> f = new CompletableFuture<>();
        pending.put(correlationId, f);
        return f;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
