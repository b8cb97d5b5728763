package com.quantumedge.supervisor.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.limits.RiskLimitsView;
import com.quantumedge.supervisor.localkafka.testing.ConsumerFailureInjection;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.runtime.listener.SupervisedListeners;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The gateway's two view readers on the shared broker: an undecodable record goes to the DLQ with its
 * reason and the next is applied; a consumer that dies (an Error out of its poll) is replaced:
 * readiness goes DOWN and UP again, the restart is counted, and the record of the failed poll and
 * later ones are applied (the new consumer resumes where the last one stopped).
 */
class ViewListenersRestartTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaConsumer<byte[], byte[]> dlq;

    @BeforeEach
    void open() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        dlq = SharedKafkaBroker.readerFromEnd(Topics.DLQ.name());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(1));
        dlq.close(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("live views: a poison heartbeat to the DLQ, the next applied; a dead consumer replaced and counted, readiness DOWN then UP, nothing missed")
    void liveViews() throws Exception {
        LiveViews views = new LiveViews(new GatewayProperties.Views(1000, 500, Duration.ofSeconds(30), Duration.ofMillis(100)), meters);
        try (SupervisedListener supervised = views.supervised(failureInjectable(), meters)) {
            supervised.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> supervised.health().getStatus().equals(Status.UP));
            assertThat(views.caughtUp()).isTrue();
            // Records other tests left in the topics' recent tail are read at start, bad ones included.
            double deadLettersBefore = meters.counter("gateway.dlq.records", "reader", "views").count();

            String poisoned = SharedKafkaBroker.uniqueName("poisoned-bot");
            send(Topics.HEARTBEATS, poisoned, "not a heartbeat".getBytes(StandardCharsets.UTF_8));
            String next = heartbeat();
            await().atMost(Duration.ofSeconds(15)).until(() -> views.isKnown(next));
            assertThat(views.isKnown(poisoned)).isFalse();
            assertThat(reasonOfDeadLetter(poisoned)).isEqualTo(DeadLetter.reasonOf(catchDecoding(Topics.HEARTBEATS)));
            assertThat(meters.counter("gateway.dlq.records", "reader", "views").count()).isEqualTo(deadLettersBefore + 1);

            ConsumerFailureInjection.arm("gateway-views", new ConsumerFailureInjection.InjectedFailure("injected: views consumer broke"));
            String inFailedPoll = heartbeat();
            await().atMost(Duration.ofSeconds(15)).until(() -> supervised.health().getStatus().equals(Status.DOWN));
            await().atMost(Duration.ofSeconds(60)).until(() -> supervised.health().getStatus().equals(Status.UP));
            assertThat(meters.counter(SupervisedListeners.RESTARTS_METRIC, "listener", "views").count()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(15)).until(() -> views.isKnown(inFailedPoll));
            String after = heartbeat();
            await().atMost(Duration.ofSeconds(15)).until(() -> views.isKnown(after));
            assertThat(views.caughtUp()).isTrue();
        }
    }

    @Test
    @DisplayName("risk limits view: a poison record to the DLQ, the next applied; a dead consumer replaced and counted, readiness DOWN then UP, nothing missed")
    void riskLimitsView() throws Exception {
        RiskLimitsView view = new RiskLimitsView(meters);
        try (SupervisedListener supervised = view.supervised(failureInjectable(), meters)) {
            supervised.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> supervised.health().getStatus().equals(Status.UP));
            double deadLettersBefore = meters.counter("gateway.dlq.records", "reader", "limits").count();

            String poisoned = SharedKafkaBroker.uniqueName("poisoned-limits");
            send(Topics.RISK_LIMITS, poisoned, "not risk limits".getBytes(StandardCharsets.UTF_8));
            String next = limits(view);
            assertThat(view.record(next)).isPresent();
            assertThat(view.record(poisoned)).isEmpty();
            assertThat(reasonOfDeadLetter(poisoned)).isEqualTo(DeadLetter.reasonOf(catchDecoding(Topics.RISK_LIMITS)));
            assertThat(meters.counter("gateway.dlq.records", "reader", "limits").count()).isEqualTo(deadLettersBefore + 1);

            ConsumerFailureInjection.arm("gateway-limits", new ConsumerFailureInjection.InjectedFailure("injected: limits consumer broke"));
            String key = SharedKafkaBroker.uniqueName("in-failed-poll");
            RecordMetadata inFailedPoll = send(Topics.RISK_LIMITS, key, encode(Topics.RISK_LIMITS, riskLimits(key)));
            await().atMost(Duration.ofSeconds(15)).until(() -> supervised.health().getStatus().equals(Status.DOWN));
            await().atMost(Duration.ofSeconds(60)).until(() -> supervised.health().getStatus().equals(Status.UP));
            assertThat(meters.counter(SupervisedListeners.RESTARTS_METRIC, "listener", "limits").count()).isEqualTo(1);
            view.applied(inFailedPoll.partition(), inFailedPoll.offset()).get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(view.record(key)).isPresent();
            assertThat(view.record(limits(view))).isPresent();
        }
    }

    private String heartbeat() throws Exception {
        String bot = SharedKafkaBroker.uniqueName("bot");
        Heartbeat h = Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(System.currentTimeMillis())
                .build();
        send(Topics.HEARTBEATS, bot, encode(Topics.HEARTBEATS, h));
        return bot;
    }

    /** Writes a limits record for a fresh key and waits until the view applied it; the key. */
    private String limits(RiskLimitsView view) throws Exception {
        String key = SharedKafkaBroker.uniqueName("limits");
        RecordMetadata written = send(Topics.RISK_LIMITS, key, encode(Topics.RISK_LIMITS, riskLimits(key)));
        view.applied(written.partition(), written.offset()).get(15, java.util.concurrent.TimeUnit.SECONDS);
        return key;
    }

    private static RiskLimits riskLimits(String bot) {
        return RiskLimits.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(1).setVersion(1L)
                .setUpdatedBy("test").build();
    }

    private static <V> byte[] encode(TopicSpec<V> topic, V value) {
        return topic.valueSerde().serializer().serialize(topic.name(), value);
    }

    private static Throwable catchDecoding(TopicSpec<?> topic) {
        return org.assertj.core.api.Assertions.catchThrowable(() -> topic.valueSerde().deserializer()
                .deserialize(topic.name(), "garbage".getBytes(StandardCharsets.UTF_8)));
    }

    private RecordMetadata send(TopicSpec<?> topic, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic.name(), key.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private String reasonOfDeadLetter(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(200))) {
                if (Arrays.equals(r.key(), k)) {
                    assertThat(DeadLetter.header(r.headers(), DeadLetter.FAILED_BY)).isEqualTo("ingest-gateway");
                    return DeadLetter.header(r.headers(), DeadLetter.REASON);
                }
            }
        }
        throw new AssertionError("no dead letter for " + key);
    }

    private static KafkaClientSettings failureInjectable() {
        KafkaProperties spring = new KafkaProperties();
        spring.setBootstrapServers(List.of(SharedKafkaBroker.bootstrapServers()));
        spring.getConsumer().getProperties().putAll(ConsumerFailureInjection.CONFIG);
        return KafkaClientSettings.from(spring);
    }
}
