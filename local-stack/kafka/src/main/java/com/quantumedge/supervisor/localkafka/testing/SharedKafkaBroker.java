package com.quantumedge.supervisor.localkafka.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * One real broker per test JVM, started on first use with every catalog topic provisioned, and
 * stopped (its data deleted) when the JVM exits. Data lives under {@code target/} of the module
 * under test. Tests isolate themselves by bot id or by {@link #uniqueName(String)}, not by restarting.
 */
public final class SharedKafkaBroker {

    private static volatile LocalKafkaBroker broker;

    private SharedKafkaBroker() {
    }

    public static LocalKafkaBroker get() {
        LocalKafkaBroker b = broker;
        if (b == null) {
            synchronized (SharedKafkaBroker.class) {
                b = broker;
                if (b == null) {
                    b = startAndProvision();
                    broker = b;
                }
            }
        }
        return b;
    }

    public static String bootstrapServers() {
        return get().bootstrapServers();
    }

    /** A name no other test in this JVM uses: for a topic, group or bot id of one test. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A reader of every partition of {@code topic} (no group), positioned at its end: sees only what is written after this call. */
    public static KafkaConsumer<byte[], byte[]> readerFromEnd(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private static LocalKafkaBroker startAndProvision() {
        Path dir = Path.of("target", "test-kafka-" + UUID.randomUUID()).toAbsolutePath();
        LocalKafkaBroker started = LocalKafkaBroker.start(dir);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, started.bootstrapServers()))) {
            new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            deleteQuietly(dir);
        }, "shared-kafka-broker-shutdown"));
        return started;
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: target/ is cleaned by the build anyway.
        }
    }
}
