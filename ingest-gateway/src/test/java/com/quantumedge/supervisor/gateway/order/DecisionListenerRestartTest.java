package com.quantumedge.supervisor.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.localkafka.testing.ConsumerFailureInjection;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.runtime.RestartBackoff;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The decision listener on the shared broker: an undecodable decision goes to the DLQ with its
 * reason and the next decision is delivered; a consumer that dies (an Error out of its poll) is
 * replaced: readiness ({@code replies}) goes DOWN while it is gone and UP once a new one is
 * positioned, the restart is counted, and decisions are received again.
 */
class DecisionListenerRestartTest {

    private static final RestartBackoff BACKOFF = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    @DisplayName("a failed decision consumer: readiness DOWN, restarted after the backoff and counted, UP again and deciding")
    void restartsAFailedConsumer() {
        String instance = SharedKafkaBroker.uniqueName("restart");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DecisionListener listener = new DecisionListener(meters);
        try (SupervisedListener supervised = listener.supervised(failureInjectable(), instance, BACKOFF, meters);
                KafkaProducer<String, byte[]> risk = producer()) {
            supervised.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> supervised.health().getStatus().equals(Status.UP));
            assertThat(decided(listener, risk)).as("decided before the failure").isTrue();

            ConsumerFailureInjection.arm("gateway-decisions-" + instance, new ConsumerFailureInjection.InjectedFailure("injected: consumer broke"));
            listener.expect("nobody-" + UUID.randomUUID()); // a decision to poll, so the armed failure fires
            send(risk, decision("unanswered-" + UUID.randomUUID()));
            await().atMost(Duration.ofSeconds(10)).until(() -> supervised.health().getStatus().equals(Status.DOWN));
            assertThat(supervised.health().getDetails().get("replies").toString()).contains("consumer");

            await().atMost(Duration.ofSeconds(30)).until(() -> supervised.health().getStatus().equals(Status.UP));
            assertThat(meters.counter("gateway.order.decisions.listener.restarts").count()).isEqualTo(1);
            assertThat(decided(listener, risk)).as("decided after the restart").isTrue();
        }
    }

    @Test
    @DisplayName("an undecodable decision goes to sup.dlq.v1 with its reason, and the next decision is delivered")
    void undecodableDecisionToTheDlq() throws Exception {
        String instance = SharedKafkaBroker.uniqueName("dlq");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DecisionListener listener = new DecisionListener(meters);
        byte[] key = ("poison-" + instance).getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "not an OrderDecision".getBytes(StandardCharsets.UTF_8);
        String reason = DeadLetter.reasonOf(catchThrowable(() -> Topics.ORDER_DECISIONS.valueSerde().deserializer()
                .deserialize(Topics.ORDER_DECISIONS.name(), garbage)));
        try (SupervisedListener supervised = listener.supervised(failureInjectable(), instance, BACKOFF, meters);
                KafkaProducer<String, byte[]> risk = producer();
                KafkaConsumer<byte[], byte[]> dlq = SharedKafkaBroker.readerFromEnd(Topics.DLQ.name())) {
            supervised.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> supervised.health().getStatus().equals(Status.UP));
            try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topics.ORDER_DECISIONS.name(), key, garbage)).get();
            }
            assertThat(decided(listener, risk)).as("the next decision is delivered").isTrue();

            ConsumerRecord<byte[], byte[]> letter = deadLetter(dlq, key);
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.REASON)).isEqualTo(reason).isNotBlank();
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.SOURCE_TOPIC)).isEqualTo(Topics.ORDER_DECISIONS.name());
            assertThat(DeadLetter.header(letter.headers(), DeadLetter.FAILED_BY)).isEqualTo("ingest-gateway");
            assertThat(meters.counter("gateway.dlq.records", "reader", "decisions").count()).isEqualTo(1);
            assertThat(supervised.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    private static KafkaClientSettings failureInjectable() {
        KafkaProperties spring = new KafkaProperties();
        spring.setBootstrapServers(List.of(SharedKafkaBroker.bootstrapServers()));
        spring.getConsumer().getProperties().putAll(ConsumerFailureInjection.CONFIG);
        return KafkaClientSettings.from(spring);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<byte[], byte[]> deadLetter(KafkaConsumer<byte[], byte[]> dlq, byte[] key) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(200))) {
                if (java.util.Arrays.equals(r.key(), key)) {
                    return r;
                }
            }
        }
        throw new AssertionError("no dead letter within 10 s");
    }

    /** Sends a decision for a fresh correlation id and waits until the listener hands it to the waiting check. */
    private static boolean decided(DecisionListener listener, KafkaProducer<String, byte[]> risk) {
        String correlationId = UUID.randomUUID().toString();
        var answer = listener.expect(correlationId).toFuture();
        send(risk, decision(correlationId));
        await().atMost(Duration.ofSeconds(10)).until(answer::isDone);
        return answer.join().getCorrelationId().equals(correlationId);
    }

    private static void send(KafkaProducer<String, byte[]> risk, OrderDecision decision) {
        risk.send(new ProducerRecord<>(Topics.ORDER_DECISIONS.name(), "restart-bot",
                Topics.ORDER_DECISIONS.valueSerde().serializer().serialize(Topics.ORDER_DECISIONS.name(), decision)));
    }

    private static OrderDecision decision(String correlationId) {
        return OrderDecision.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId("restart-bot")
                .setTsMs(System.currentTimeMillis()).setCorrelationId(correlationId).setClientOrderId("c-1").setSymbol("BTCUSDT")
                .setSide(Side.BUY).setQuantity(1.0).setAllowed(false).setCode(DecisionCode.NOTIONAL_EXCEEDS_MAX).setReason("test")
                .setCheck("NotionalCheck").setLimit(500.0).setValue(641.0).setNotional(641.0).setSymbolExposureAfter(0.0)
                .setGrossExposureAfter(0.0).setTradingState(TradingState.ACTIVE).setEntriesPaused(false).setLlmPaused(false)
                .setRiskMultiplier(1.0).setRequestTsMs(System.currentTimeMillis()).build();
    }
}
