package com.quantumedge.supervisor.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.localkafka.testing.ConsumerFailureInjection;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code /actuator/health/readiness} of a running gateway tells the truth about its decision
 * consumer: when that consumer dies (an Error out of its poll, injected into the real consumer
 * through {@code spring.kafka.consumer.properties.*}), readiness answers 503 DOWN until the
 * replacement is positioned, then 200 UP again, and the restart is counted.
 */
class ListenerReadinessTest {

    @Test
    @DisplayName("a dead decision consumer takes the gateway's readiness DOWN (503) until it is replaced, then UP (200), counted")
    void readinessFollowsTheDecisionConsumer() throws Exception {
        String instance = SharedKafkaBroker.uniqueName("readiness");
        try (RunningGateway gateway = RunningGateway.start(SharedKafkaBroker.bootstrapServers(), List.of(),
                ConsumerFailureInjection.SPRING_ARGUMENT, "--supervisor.gateway.instance-id=" + instance,
                // Long enough that the DOWN window is seen by polling.
                "--supervisor.gateway.order-check.listener-restart-backoff=3s");
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers()),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            String readiness = gateway.url("/actuator/health/readiness");
            await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(readiness, null).status() == 200);

            ConsumerFailureInjection.arm("gateway-decisions-" + instance,
                    new ConsumerFailureInjection.InjectedFailure("injected: decision consumer broke"));
            // Any record makes the consumer's next poll return something, and so fail.
            producer.send(new ProducerRecord<>(Topics.ORDER_DECISIONS.name(), "readiness-bot".getBytes(), new byte[] {0})).get();

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Http.get(readiness, null).status() == 503);
            assertThat(Http.get(readiness, null).body()).contains("\"DOWN\"");
            await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(readiness, null).status() == 200);
            assertThat(Http.get(readiness, null).body()).contains("\"UP\"");
            assertThat(gateway.context().getBean(MeterRegistry.class).counter("gateway.order.decisions.listener.restarts").count())
                    .isEqualTo(1);
        }
    }
}
