package com.quantumedge.supervisor.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

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
    private static final Duration PROMPT = Duration.ofSeconds(2);
    private static final Duration NO_ANSWER = Duration.ofSeconds(10);
    private static final Duration PACE = Duration.ofMillis(40);
    /** Concurrent senders: 6 × one per 40 ms stays under the token's 200 requests per second. */
    private static final int SENDERS = 6;
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
                "--supervisor.gateway.producer.broker-check-interval=300ms",
                // One event loop: a wait on it (the hang this test guards against) delays every request.
                "--supervisor.gateway.http.io-threads=1");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        broker.close();
    }

    private Http.Response heartbeat() {
        return Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(BOT), "{\"uptime_s\": 1}");
    }

    /** One heartbeat's status and how long its answer took; status 0 if none came within {@link #NO_ANSWER}. */
    record Timed(int status, Duration took, String retryAfter) {
    }

    private Timed timedHeartbeat() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/heartbeat"))).timeout(NO_ANSWER)
                .header("Authorization", "Bearer " + gateway.token(BOT)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"uptime_s\": 1}")).build();
        long started = System.nanoTime();
        try {
            Http.Response r = Http.send(request);
            return new Timed(r.status(), Duration.ofNanos(System.nanoTime() - started), r.header("Retry-After"));
        } catch (UncheckedIOException e) {
            return new Timed(0, Duration.ofNanos(System.nanoTime() - started), null);
        }
    }

    /**
     * Heartbeats for {@code period} from {@link #SENDERS} threads, each one after another (so several
     * are in flight when the broker goes or comes), in the order they were answered.
     */
    private List<Timed> heartbeatsFor(Duration period) throws InterruptedException {
        List<Timed> answers = new CopyOnWriteArrayList<>();
        long end = System.nanoTime() + period.toNanos();
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            Thread sender = new Thread(() -> {
                while (System.nanoTime() < end) {
                    answers.add(timedHeartbeat());
                    LockSupport.parkNanos(PACE.toNanos());
                }
            }, "outage-heartbeats-" + i);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join(period.plus(NO_ANSWER).toMillis());
        }
        return answers;
    }

    @Test
    @DisplayName("every heartbeat is answered within 2 s while the broker is down (503 with Retry-After) and after it is back (200)")
    void heartbeatsNeverWaitAcrossABrokerRestart() throws InterruptedException {
        await().atMost(Duration.ofSeconds(30)).until(() -> heartbeat().status() == 200);
        String address = broker.bootstrapServers();

        broker.close();
        List<Timed> whileDown = heartbeatsFor(Duration.ofSeconds(4));

        assertThat(whileDown).allSatisfy(t -> assertThat(t.took()).as("answer while down: %s", t).isLessThan(PROMPT));
        assertThat(whileDown).allSatisfy(t -> assertThat(t.status()).as("answer while down: %s", t).isIn(200, 503));
        assertThat(whileDown).last().satisfies(t -> {
            assertThat(t.status()).isEqualTo(503);
            assertThat(t.retryAfter()).isNotBlank();
        });

        // The restarted broker must take the old address again (a client's connection attempt can hold it briefly).
        await().atMost(Duration.ofSeconds(30)).until(() -> LocalKafkaBroker.isFree(broker.brokerPort()));
        broker = LocalKafkaBroker.start(DATA);
        assertThat(broker.bootstrapServers()).isEqualTo(address);
        List<Timed> afterRestart = heartbeatsFor(Duration.ofSeconds(15));

        assertThat(afterRestart).allSatisfy(t -> assertThat(t.took()).as("answer after restart: %s", t).isLessThan(PROMPT));
        List<Integer> statuses = afterRestart.stream().map(Timed::status).toList();
        assertThat(statuses).as("recovered").contains(200);
        assertThat(statuses.subList(statuses.indexOf(200), statuses.size())).as("once recovered, stays recovered").containsOnly(200);
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
