package com.quantumedge.supervisor.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;
import com.quantumedge.supervisor.localkafka.TopicProvisioner;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Stops and restarts a real broker (its own, not the shared one) under traffic: heartbeats get 503 with
 * Retry-After quickly, order checks are denied fail-closed, readiness goes DOWN, and everything
 * recovers by itself when the broker is back.
 */
class BrokerOutageTest {

    private static final String BOT = "outage-bot";
    private static final Path DATA = Path.of("target", "outage-kafka-" + UUID.randomUUID()).toAbsolutePath();
    private static LocalKafkaBroker broker;
    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        broker = LocalKafkaBroker.start(DATA);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin, Optional.empty()).provision(Topics.ALL, true);
        }
        gateway = RunningGateway.start(broker.bootstrapServers(), List.of(BOT),
                "--supervisor.gateway.order-check.timeout=500ms",
                "--supervisor.gateway.producer.max-block=500ms",
                "--supervisor.gateway.producer.delivery-timeout=1s",
                "--supervisor.gateway.producer.broker-check-interval=300ms");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        broker.close();
    }

    private Http.Response heartbeat() {
        return Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(BOT), "{\"uptime_s\": 1}");
    }

    @Test
    @DisplayName("while the broker is down heartbeats get 503 with Retry-After, checks are denied, readiness is DOWN; all recover after restart")
    void survivesBrokerRestart() {
        await().atMost(Duration.ofSeconds(30)).until(() -> heartbeat().status() == 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(gateway.url("/actuator/health/readiness"), null).status() == 200);

        broker.close();

        Http.Response down = await().atMost(Duration.ofSeconds(30)).until(this::heartbeat, r -> r.status() == 503);
        assertThat(down.header("Retry-After")).isNotBlank();
        assertThat(down.json().at("/error/code").asString()).isEqualTo("BROKER_UNAVAILABLE");
        long started = System.nanoTime();
        Http.Response quick = heartbeat();
        assertThat(quick.status()).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

        Http.Response check = Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(BOT),
                "{\"symbol\":\"BTCUSDT\",\"side\":\"BUY\",\"order_type\":\"MARKET\",\"quantity\":1}");
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json().get("allowed").asBoolean()).isFalse();
        assertThat(check.json().get("code").asString()).isEqualTo("SUPERVISOR_UNAVAILABLE");

        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(gateway.url("/actuator/health/readiness"), null).status() == 503);
        assertThat(Http.get(gateway.url("/actuator/health/liveness"), null).status()).isEqualTo(200);

        broker = LocalKafkaBroker.start(DATA);

        await().atMost(Duration.ofSeconds(60)).until(() -> heartbeat().status() == 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(gateway.url("/actuator/health/readiness"), null).status() == 200);
    }
}
