package com.quantumedge.supervisor.localkafka.secured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.testing.SharedSecuredKafkaCluster;
import com.quantumedge.supervisor.schemas.ServiceAccount;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/** The catalog's ACLs, enforced by the secured cluster: each principal does what the catalog says, and nothing else. */
class CatalogAclsOnClusterTest {

    private static final String WRITTEN = "written";
    private static final String READ = "read";
    private static final String DENIED = "denied";
    private static final byte[] KEY = ("acl-test-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

    private static SecuredKafkaCluster cluster;

    @BeforeAll
    static void oneRecordOnEveryTopic() throws Exception {
        cluster = SharedSecuredKafkaCluster.get();
        try (KafkaProducer<byte[], byte[]> admin = producer(cluster.adminProperties())) {
            for (TopicSpec<?> topic : Topics.ALL) {
                admin.send(new ProducerRecord<>(topic.name(), KEY, KEY)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest(name = "{0} may write exactly the topics whose writers name it")
    @EnumSource(ServiceAccount.class)
    void writesExactlyItsTopics(ServiceAccount account) {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (TopicSpec<?> topic : Topics.ALL) {
            // A producer per topic: a denied write can leave an idempotent producer in an error state
            // that would then answer for the next topic instead of the broker's ACLs.
            try (KafkaProducer<byte[], byte[]> producer = producer(cluster.clientProperties(account))) {
                expected.put(topic.name(), topic.writers().contains(account) ? WRITTEN : DENIED);
                actual.put(topic.name(), outcome(() -> producer.send(new ProducerRecord<>(topic.name(), KEY, KEY)).get(30, TimeUnit.SECONDS),
                        WRITTEN));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} may read exactly the topics whose readers name it")
    @EnumSource(ServiceAccount.class)
    void readsExactlyItsTopics(ServiceAccount account) {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster.clientProperties(account))) {
            for (TopicSpec<?> topic : Topics.ALL) {
                expected.put(topic.name(), topic.readers().contains(account) ? READ : DENIED);
                actual.put(topic.name(), outcome(() -> readOurRecord(consumer, topic), READ));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    @DisplayName("the gateway producing to sup.control-commands.v1 fails with TopicAuthorizationException within seconds, with default producer settings")
    void gatewayCannotCommandProcesses() {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties(ServiceAccount.GATEWAY));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.CONTROL_COMMANDS.name(), KEY, KEY)).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @ParameterizedTest(name = "{0} committing offsets in group {1} on {2}: {3}")
    @CsvSource({
            "TSDB_SINK,      tsdb-sink,                 qe.heartbeats.v1,        committed",
            "PROCESS_AGENT,  process-agent.host-1,      sup.control-commands.v1, committed",
            "POLICY_SERVICE, qe-policy-advisor,         sup.snapshots.v1,        committed",
            "POLICY_SERVICE, qe-policy-service,         sup.ticks.v1,            committed",
            "RISK_STREAM,    risk-stream,               qe.order-requests.v1,    committed",
            "GATEWAY,        tsdb-sink,                 qe.heartbeats.v1,        denied",
            "PROCESS_AGENT,  tsdb-sink,                 sup.control-commands.v1, denied",
            "TSDB_SINK,      process-agent.host-1,      qe.heartbeats.v1,        denied",
            "RISK_STREAM,    qe-policy-service,         qe.heartbeats.v1,        denied",
    })
    void consumerGroupsAreTheirOwnersOnly(ServiceAccount account, String group, String topic, String outcome) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties(account));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            String actual = outcome(() -> consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)), Duration.ofSeconds(30)),
                    "committed");
            assertThat(actual).isEqualTo(outcome);
        }
    }

    @ParameterizedTest(name = "{0} creating topic {1}: {2}")
    @CsvSource({
            "RISK_STREAM,    risk-stream-acl-probe-changelog,       created",
            "POLICY_SERVICE, qe-policy-service-acl-probe-changelog, created",
            "RISK_STREAM,    qe-policy-service-acl-probe-other,     denied",
            "GATEWAY,        risk-stream-acl-probe-gateway,         denied",
            "TSDB_SINK,      tsdb-sink-acl-probe,                   denied",
    })
    void streamsAppsCreateOnlyTheirInternalTopics(ServiceAccount account, String prefix, String outcome) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(cluster.clientProperties(account))) {
            String actual = outcome(() -> admin.createTopics(List.of(new NewTopic(name, 1, (short) 3))).all().get(30, TimeUnit.SECONDS),
                    "created");
            assertThat(actual).isEqualTo(outcome);
        }
    }

    @Test
    @DisplayName("the gateway reads the sink group's committed offsets (for /tsdb/status)")
    void gatewayDescribesTheSinkGroup() throws Exception {
        try (Admin admin = Admin.create(cluster.clientProperties(ServiceAccount.GATEWAY))) {
            assertThat(admin.listConsumerGroupOffsets("tsdb-sink").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                    .isNotNull();
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** {@code success}, {@code denied} for an authorization failure, else the failure's class and message. */
    private static String outcome(Action action, String success) {
        try {
            action.run();
            return success;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            // An account that may write nothing is refused the idempotent producer id; whether that shows as the
            // authorization error or as the producer's error state wrapping it depends on timing: both are a denial.
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof TopicAuthorizationException || t instanceof GroupAuthorizationException
                        || t instanceof ClusterAuthorizationException) {
                    return DENIED;
                }
            }
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
    }

    private static void readOurRecord(KafkaConsumer<byte[], byte[]> consumer, TopicSpec<?> topic) {
        List<TopicPartition> partitions = IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (java.util.Arrays.equals(record.key(), KEY)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("no record of this test on " + topic.name() + " within 30 s");
    }

    static KafkaProducer<byte[], byte[]> producer(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
