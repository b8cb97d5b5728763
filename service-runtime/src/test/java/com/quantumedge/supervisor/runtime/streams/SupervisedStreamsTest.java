package com.quantumedge.supervisor.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** The runtime on its own, on the shared broker, with a topology that fails on the records it is told to. */
class SupervisedStreamsTest {

    private final String topic = SharedKafkaBroker.uniqueName("runtime-in");
    private final String appId = SharedKafkaBroker.uniqueName("runtime-app");
    private final Set<String> processed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    @DisplayName("failures within the window replace the thread up to the allowed number, the next one restarts the client; each record is processed in the end")
    void replacesThenRestarts() throws Exception {
        createTopic();
        SupervisedStreams streams = new SupervisedStreams(app(), KafkaClientSettings.bootstrap(SharedKafkaBroker.bootstrapServers()),
                registry, new StreamsSupervisionProperties(1, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        StreamsReadiness readiness = new StreamsReadiness(streams);
        assertThat(readiness.health().getStatus()).as("before start").isEqualTo(Status.DOWN);
        try (KafkaProducer<String, String> producer = producer()) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            assertThat(readiness.health().getStatus()).isEqualTo(Status.UP);

            failuresToInject.set(1);
            send(producer, "replaced");
            await().atMost(Duration.ofSeconds(15)).until(() -> processed.contains("replaced"));
            assertThat(failures("replace_thread")).isEqualTo(1);
            assertThat(restarts()).isZero();

            failuresToInject.set(1);
            send(producer, "restarted");
            await().atMost(Duration.ofSeconds(60)).until(() -> processed.contains("restarted"));
            assertThat(failures("shutdown_client")).as("second failure within the window").isEqualTo(1);
            assertThat(restarts()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness.health().getStatus().equals(Status.UP));
            assertThat(registry.find("supervisor.streams.state").tag("state", "RUNNING").gauge().value()).isEqualTo(1);
        } finally {
            streams.stop();
        }
        assertThat(streams.state()).isEqualTo(KafkaStreams.State.CREATED);
        assertThat(readiness.health().getStatus()).as("after stop").isEqualTo(Status.DOWN);
    }

    private StreamsApp app() {
        return new StreamsApp("test", appId, "target/" + appId, this::topology,
                Map.of(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest", StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"),
                Duration.ofSeconds(10));
    }

    private Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String())).foreach((k, v) -> {
            if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("failure injected by the test at " + v);
            }
            processed.add(v);
        });
        return builder.build();
    }

    private double failures(String action) {
        return registry.find("supervisor.streams.thread.failures").tag("app", "test").tag("action", action).counter().count();
    }

    private double restarts() {
        return registry.find("supervisor.streams.restarts").tag("app", "test").counter().count();
    }

    private void createTopic() throws Exception {
        try (Admin admin = SharedKafkaBroker.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
    }

    private void send(KafkaProducer<String, String> producer, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, value, value)).get();
    }
}
