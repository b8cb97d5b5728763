package com.quantumedge.supervisor.localkafka.secured;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.testing.SharedSecuredKafkaCluster;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

class BrokerFailoverTest {

    private static final TopicSpec<?> TOPIC = Topics.HEARTBEATS;

    private final SecuredKafkaCluster cluster = SharedSecuredKafkaCluster.get();

    @Test
    @DisplayName("an acks=all producer keeps writing while the leader of its partition stops and restarts; nothing acknowledged is lost")
    void producerSurvivesALeaderStopAndRestart() throws Exception {
        String bot = "failover-" + UUID.randomUUID();
        int partition = Utils.toPositive(Utils.murmur2(bot.getBytes(StandardCharsets.UTF_8))) % TOPIC.partitions();
        int leader = leaderOf(partition);

        Map<String, Object> props = new HashMap<>(cluster.clientProperties(ServiceAccount.GATEWAY));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AtomicInteger acked = new AtomicInteger();
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        int sent;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            Thread writer = new Thread(() -> {
                int n = 0;
                while (running.get()) {
                    producer.send(new ProducerRecord<>(TOPIC.name(), bot.getBytes(StandardCharsets.UTF_8),
                            Integer.toString(n++).getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
                                if (e == null) {
                                    acked.incrementAndGet();
                                } else {
                                    failures.add(e);
                                }
                            });
                    pause();
                }
            }, "failover-writer");
            writer.start();

            awaitAcked(acked, 50);
            cluster.stopBroker(leader);
            awaitAcked(acked, acked.get() + 50);
            assertThat(leaderOf(partition)).as("a new leader took over").isNotEqualTo(leader);
            cluster.restartBroker(leader);
            cluster.awaitFullyReplicated(List.of(TOPIC.name()));
            awaitAcked(acked, acked.get() + 50);

            running.set(false);
            writer.join(TimeUnit.SECONDS.toMillis(30));
            producer.flush();
        } finally {
            running.set(false);
            if (!cluster.runningBrokers().contains(leader)) {
                cluster.restartBroker(leader);
            }
        }
        sent = acked.get() + failures.size();
        assertThat(failures).as("failed sends").isEmpty();
        assertThat(readValues(bot, partition)).as("every acknowledged record is on the topic")
                .containsAll(IntStream.range(0, sent).mapToObj(Integer::toString).toList());
    }

    private int leaderOf(int partition) throws Exception {
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            return admin.describeTopics(List.of(TOPIC.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(TOPIC.name()).partitions().get(partition).leader().id();
        }
    }

    private Set<String> readValues(String bot, int partition) {
        Set<String> values = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = CatalogAclsOnClusterTest.consumer(cluster.clientProperties(ServiceAccount.OPERATOR))) {
            TopicPartition tp = new TopicPartition(TOPIC.name(), partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (bot.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return values;
    }

    private static void awaitAcked(AtomicInteger acked, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (acked.get() < count) {
            assertThat(System.nanoTime()).as("%d records acknowledged within 90 s", count).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
