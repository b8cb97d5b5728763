package com.quantumedge.supervisor.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The publisher is called on a Netty event loop, so subscribing must never wait in the producer. The
 * broker here went away before the reachability check noticed (the check has not run yet): the
 * producer has no metadata and cannot get any, which used to hold the calling thread for the whole
 * {@code max.block.ms}.
 */
class RecordPublisherTest {

    private static final Duration MAX_BLOCK = Duration.ofSeconds(1);
    private static final Duration DELIVERY = Duration.ofSeconds(1);

    @Test
    @DisplayName("without topic metadata, subscribing returns at once and the answer is a 503 within max-block + delivery-timeout")
    void neverWaitsOnTheSubscribingThread() {
        String gone = "127.0.0.1:" + LocalKafkaBroker.freePort();
        GatewayProperties.Producer settings = new GatewayProperties.Producer(MAX_BLOCK, DELIVERY, 0, 0, "none",
                Duration.ofSeconds(1), 5);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (BrokerConnectivity notCheckedYet = new BrokerConnectivity(KafkaClientSettings.bootstrap(gone), Duration.ofSeconds(1));
                RecordPublisher publisher = new RecordPublisher(KafkaClientSettings.bootstrap(gone), settings, notCheckedYet, meters)) {
            // The first send loads classes (hundreds of ms on a busy host): not what is measured.
            publisher.publish(Topics.HEARTBEATS, "bot-1", heartbeat()).subscribe(ok -> { }, error -> { });
            Mono<?> answer = publisher.publish(Topics.HEARTBEATS, "bot-1", heartbeat()).cache();

            long started = System.nanoTime();
            answer.subscribe(ok -> { }, error -> { });
            Duration subscribing = Duration.ofNanos(System.nanoTime() - started);
            assertThat(subscribing).as("time the subscribing thread spent in the producer").isLessThan(Duration.ofMillis(200));

            assertThatThrownBy(() -> answer.block(MAX_BLOCK.plus(DELIVERY).plusSeconds(1)))
                    .isInstanceOf(BrokerUnavailableException.class);
            Duration answered = Duration.ofNanos(System.nanoTime() - started);
            assertThat(answered).isGreaterThanOrEqualTo(MAX_BLOCK).isLessThan(MAX_BLOCK.plus(DELIVERY).plusMillis(500));
            assertThat(notCheckedYet.isUp()).as("a failed publish marks the broker down").isFalse();
            assertThat(meters.counter("gateway.produce.failures", "topic", Topics.HEARTBEATS.name(), "reason", "unavailable").count()).isEqualTo(2);
        }
    }

    private static Heartbeat heartbeat() {
        return Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId("bot-1").setTsMs(1L)
                .setReceivedTsMs(1L).build();
    }
}
