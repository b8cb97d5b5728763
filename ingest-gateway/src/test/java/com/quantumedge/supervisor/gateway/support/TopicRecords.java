package com.quantumedge.supervisor.gateway.support;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** Reads and writes catalog topics of the shared broker directly, filtered by bot id (the key). */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Every record of one bot on a topic, read from the beginning until {@code until} holds or the timeout. */
    public static <V> List<V> read(TopicSpec<V> topic, String botId, Predicate<List<V>> until, Duration timeout) {
        return read(SharedKafkaBroker.bootstrapServers(), topic, botId, until, timeout);
    }

    public static <V> List<V> read(String bootstrap, TopicSpec<V> topic, String botId, Predicate<List<V>> until, Duration timeout) {
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !until.test(out)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.key() != null && botId.equals(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                        out.add(topic.valueSerde().deserializer().deserialize(topic.name(), r.value()));
                    }
                }
            }
        }
        return out;
    }

    /** The catalog topics holding any record keyed {@code botId}, every partition read to its current end. */
    public static Set<String> topicsWithKey(String botId) {
        return topicsWithKeySince(botId, Map.of());
    }

    /** The catalog topics holding a record keyed {@code botId} written since {@code from}. */
    public static Set<String> topicsWithKeySince(String botId, Map<TopicPartition, Long> from) {
        Set<String> found = new TreeSet<>();
        scan(from, r -> {
            if (r.key() != null && botId.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                found.add(r.topic());
            }
        });
        return found;
    }

    /** Where every partition of every catalog topic ends now: pass to {@link #topicsMentioning} to read only what comes after. */
    public static Map<TopicPartition, Long> catalogEnds() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(catalogPartitions(consumer));
        }
    }

    /**
     * The catalog topics holding a record written since {@code from} whose key or value contains
     * {@code text} as UTF-8 bytes (Avro writes strings as UTF-8, so any field naming it counts),
     * every partition read to its current end.
     */
    public static Set<String> topicsMentioning(String text, Map<TopicPartition, Long> from) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        Set<String> found = new TreeSet<>();
        scan(from, r -> {
            if (contains(r.key(), needle) || contains(r.value(), needle)) {
                found.add(r.topic());
            }
        });
        return found;
    }

    /** Reads every partition of every catalog topic from {@code from} (a partition not in it: from its beginning) to where it ends now. */
    private static void scan(Map<TopicPartition, Long> from, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = catalogPartitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions.stream().filter(tp -> !from.containsKey(tp)).toList());
            partitions.stream().filter(from::containsKey).forEach(tp -> consumer.seek(tp, from.get(tp)));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every topic to its end");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(each);
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> catalogPartitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public static <V> void write(TopicSpec<V> topic, String botId, V value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), botId, topic.valueSerde().serializer().serialize(topic.name(), value)));
        }
    }

    /** Writes to one chosen partition, so a later record there proves the earlier one was read. */
    public static <V> void writeToPartition(TopicSpec<V> topic, int partition, String botId, V value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), partition, botId, topic.valueSerde().serializer().serialize(topic.name(), value)));
        }
    }

    public static void writeRaw(String topic, String botId, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, botId, value));
        }
    }
}
