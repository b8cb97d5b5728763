package com.quantumedge.supervisor.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A decision consumer that fails is replaced: readiness ({@code replies}) goes DOWN while it is gone
 * and UP once a new one is positioned, the restart is counted, and decisions are received again. The
 * failure is injected into a real consumer on the shared broker: its next poll throws.
 */
class DecisionListenerRestartTest {

    private static final Duration BACKOFF = Duration.ofSeconds(1);

    /** A real consumer whose next poll throws the exception set here. */
    static final class FailingConsumer extends KafkaConsumer<byte[], byte[]> {
        private final AtomicReference<RuntimeException> failure;

        FailingConsumer(AtomicReference<RuntimeException> failure) {
            super(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.failure = failure;
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            RuntimeException injected = failure.getAndSet(null);
            if (injected != null) {
                throw injected;
            }
            return super.poll(timeout);
        }
    }

    @Test
    @DisplayName("a failed decision consumer: readiness DOWN, restarted after the backoff and counted, UP again and deciding")
    void restartsAFailedConsumer() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaProducer<byte[], byte[]> deadLetters = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
        try (DecisionListener listener = new DecisionListener(() -> new FailingConsumer(failure), deadLetters, BACKOFF,
                Duration.ofSeconds(5), meters);
                KafkaProducer<String, byte[]> risk = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                        new StringSerializer(), new ByteArraySerializer())) {
            listener.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> listener.health().getStatus().equals(Status.UP));
            assertThat(decided(listener, risk)).as("decided before the failure").isTrue();

            failure.set(new KafkaException("injected: consumer broke"));
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.health().getStatus().equals(Status.DOWN));
            assertThat(listener.health().getDetails().get("replies").toString()).contains("injected: consumer broke");

            await().atMost(Duration.ofSeconds(30)).until(() -> listener.health().getStatus().equals(Status.UP));
            assertThat(meters.counter("gateway.order.decisions.listener.restarts").count()).isEqualTo(1);
            assertThat(decided(listener, risk)).as("decided after the restart").isTrue();
        }
    }

    /** Sends a decision for a fresh correlation id and waits until the listener hands it to the waiting check. */
    private static boolean decided(DecisionListener listener, KafkaProducer<String, byte[]> risk) {
        String correlationId = UUID.randomUUID().toString();
        var answer = listener.expect(correlationId).toFuture();
        OrderDecision decision = OrderDecision.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId("restart-bot")
                .setTsMs(System.currentTimeMillis()).setCorrelationId(correlationId).setClientOrderId("c-1").setSymbol("BTCUSDT")
                .setSide(Side.BUY).setQuantity(1.0).setAllowed(false).setCode(DecisionCode.NOTIONAL_EXCEEDS_MAX).setReason("test")
                .setCheck("NotionalCheck").setLimit(500.0).setValue(641.0).setNotional(641.0).setSymbolExposureAfter(0.0)
                .setGrossExposureAfter(0.0).setTradingState(TradingState.ACTIVE).setEntriesPaused(false).setLlmPaused(false)
                .setRiskMultiplier(1.0).setRequestTsMs(System.currentTimeMillis()).build();
        risk.send(new ProducerRecord<>(Topics.ORDER_DECISIONS.name(), "restart-bot",
                Topics.ORDER_DECISIONS.valueSerde().serializer().serialize(Topics.ORDER_DECISIONS.name(), decision)));
        await().atMost(Duration.ofSeconds(10)).until(answer::isDone);
        return answer.join().getCorrelationId().equals(correlationId);
    }
}
