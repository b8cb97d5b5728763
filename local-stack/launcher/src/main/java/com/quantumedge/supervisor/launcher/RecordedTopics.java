package com.quantumedge.supervisor.launcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * Reads what was recorded on topics between two instants (record timestamps), for replays and
 * audits: every partition from the first offset at or after {@code from} up to the end offset
 * as of the start of the read, keeping records older than {@code to}. Values stay raw bytes.
 */
final class RecordedTopics {

    record Recorded(String topic, String key, byte[] value, long timestampMs, int partition, long offset) {
    }

    private RecordedTopics() {
    }

    /** All records of {@code topics} in [{@code fromMs}, {@code toMs}), optionally of one bot, in timestamp order. */
    static List<Recorded> read(KafkaClientSettings kafka, String clientId, Collection<? extends TopicSpec<?>> topics,
            long fromMs, long toMs, String bot) {
        Map<String, Object> config = kafka.consumer(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        List<Recorded> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicSpec<?> t : topics) {
                consumer.partitionsFor(t.name(), Duration.ofSeconds(15)).forEach(p -> partitions.add(new TopicPartition(t.name(), p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, fromMs));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> pending = new ArrayList<>();
            for (TopicPartition p : partitions) {
                long from = start.get(p) == null ? end.get(p) : start.get(p).offset();
                consumer.seek(p, from);
                if (from < end.get(p)) {
                    pending.add(p);
                }
            }
            consumer.pause(partitions.stream().filter(p -> !pending.contains(p)).toList());
            while (!pending.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue;
                    }
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (r.timestamp() < toMs && (bot == null || bot.equals(key))) {
                        out.add(new Recorded(r.topic(), key, r.value(), r.timestamp(), r.partition(), r.offset()));
                    }
                }
                pending.removeIf(p -> {
                    boolean done = consumer.position(p) >= end.get(p);
                    if (done) {
                        consumer.pause(List.of(p));
                    }
                    return done;
                });
            }
        }
        out.sort(Comparator.comparingLong(Recorded::timestampMs));
        return out;
    }
}
