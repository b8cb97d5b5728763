package com.quantumedge.supervisor.policy.advisor;

import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.settings;
import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.policy.advisor.FakeChatServer.Received;
import com.quantumedge.supervisor.policy.advisor.FakeChatServer.Reply;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

@DisplayName("Advisor failures against a local HTTP server: retries, backoff, timeouts, circuit breaker, alerts")
class AdvisorResilienceTest {

    private static final String BOT = "bot-1";
    private static final AdvisorProperties.Retry NO_RETRY = new AdvisorProperties.Retry(1, Duration.ofMillis(100), 2.0);
    /** Opens after 2 failures out of 2 calls, refuses calls for 400 ms, then lets one trial call through. */
    private static final AdvisorProperties.CircuitBreaker QUICK_BREAKER =
            new AdvisorProperties.CircuitBreaker(50, 2, 2, Duration.ofMillis(400), 1);

    private final FakeChatServer server = new FakeChatServer();
    private final AtomicInteger snapshots = new AtomicInteger();

    AdvisorResilienceTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private AdvisorHarness adviseOnce(AdvisorHarness h) {
        return h.adviseOn(snapshot(BOT, "s-" + snapshots.incrementAndGet()));
    }

    @Test
    @DisplayName("5xx answers are retried with exponential backoff (100 ms, then 200 ms) and the third attempt's advice is applied")
    void retriesWithBackoff() {
        server.answerInTurn(Reply.status(500), Reply.status(503), Reply.advice("PAUSE_ENTRIES", null, "third time"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY))) {
            adviseOnce(h);

            List<Received> attempts = server.received();
            assertThat(attempts).hasSize(3);
            assertThat(attempts.get(1).arrivalNanos() - attempts.get(0).arrivalNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
            assertThat(attempts.get(2).arrivalNanos() - attempts.get(1).arrivalNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(h.output.commandTypes()).containsExactly(CommandType.PAUSE_ENTRIES);
            assertThat(h.registry.get("policy.advisor.retries").counter().count()).isEqualTo(2);
            assertThat(h.output.alertsWithState("UNAVAILABLE")).as("a round that succeeded after retries is no outage").isEmpty();
        }
    }

    @Test
    @DisplayName("a model that never answers times out on every attempt: one TIMEOUT alert, no command, no trading change")
    void hangTimesOut() {
        server.answer(Reply.hang());
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY))) {
            adviseOnce(h);

            assertThat(server.requests()).isEqualTo(3);
            assertThat(h.output.commands).isEmpty();
            assertThat(h.output.alertsWithState("UNAVAILABLE")).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("kind", "timeout"));
            assertThat(h.count("policy.advisor.failures", "kind", "timeout")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a 4xx (bad key, unknown model) is not retried")
    void clientErrorNotRetried() {
        server.answer(Reply.status(401));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY))) {
            adviseOnce(h);

            assertThat(server.requests()).isEqualTo(1);
            assertThat(h.count("policy.advisor.failures", "kind", "http_4xx")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("garbage answers are rejected and counted, never acted on; the outage raises one alert and its end one more")
    void garbageRejectedOneAlertPerStateChange() {
        server.answerInTurn(Reply.content("You should definitely pause entries now!"),
                Reply.content("{\"action\":\"PAUSE_ENTRIES\"}"), Reply.status(500),
                Reply.advice("NONE", null, "all fine"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY,
                NO_RETRY, new AdvisorProperties.CircuitBreaker(100, 100, 100, Duration.ofMinutes(5), 1)))) {
            adviseOnce(h);
            adviseOnce(h);
            adviseOnce(h);
            assertThat(h.output.commands).isEmpty();
            assertThat(h.output.events).singleElement().satisfies(e -> {
                assertThat(e.getAttributes()).containsEntry("state", "UNAVAILABLE").containsEntry("kind", "bad_advice");
                assertThat(e.getSeverity()).isEqualTo(Severity.WARNING);
            });

            adviseOnce(h);

            assertThat(h.output.alertsWithState("AVAILABLE")).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("failed_rounds", "3"));
            assertThat(h.output.events).hasSize(2);
            assertThat(h.count("policy.advisor.failures", "kind", "bad_advice")).isEqualTo(2);
            assertThat(h.count("policy.advisor.failures", "kind", "http_5xx")).isEqualTo(1);
            assertThat(h.count("policy.advisor.calls", "outcome", "rejected")).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the breaker opens after failures, then refuses calls without reaching the server, and a good trial call after open-for closes it")
    void breakerOpensAndRecovers() {
        server.answer(Reply.status(500));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY, NO_RETRY, QUICK_BREAKER))) {
            List<String> states = new CopyOnWriteArrayList<>();
            h.advisor.breaker().getEventPublisher().onStateTransition(e -> states.add(e.getStateTransition().name()));
            adviseOnce(h);
            adviseOnce(h);
            assertThat(h.advisor.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(h.gauge("policy.advisor.breaker.state", "state", "open")).isEqualTo(1);

            adviseOnce(h);
            assertThat(server.requests()).as("an open breaker does not call").isEqualTo(2);
            assertThat(h.count("policy.advisor.failures", "kind", "breaker_open")).isEqualTo(1);

            server.answer(Reply.advice("PAUSE_ENTRIES", null, "back"));
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                adviseOnce(h);
                return !h.output.commands.isEmpty();
            });

            assertThat(h.advisor.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(states).containsExactly("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_CLOSED");
            assertThat(h.output.alertsWithState("UNAVAILABLE")).as("one alert for the whole outage").hasSize(1);
            assertThat(h.output.alertsWithState("AVAILABLE")).hasSize(1);
        }
    }

    @Test
    @DisplayName("a failing trial call in half-open re-opens the breaker")
    void failedTrialReopens() {
        server.answer(Reply.status(500));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY, NO_RETRY, QUICK_BREAKER))) {
            List<String> states = new CopyOnWriteArrayList<>();
            h.advisor.breaker().getEventPublisher().onStateTransition(e -> states.add(e.getStateTransition().name()));
            adviseOnce(h);
            adviseOnce(h);

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                adviseOnce(h);
                return server.requests() == 3;
            });

            assertThat(states).containsExactly("CLOSED_TO_OPEN", "OPEN_TO_HALF_OPEN", "HALF_OPEN_TO_OPEN");
            assertThat(h.advisor.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(h.output.commands).isEmpty();
        }
    }
}
