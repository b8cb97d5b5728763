package com.quantumedge.supervisor.policy.advisor;

import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.settings;
import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.policy.advisor.FakeChatServer.Reply;

@DisplayName("An operator's LLM_CHECK: the bot reviewed now, always answered under the command's id")
class OnDemandCheckTest {

    private static final String BOT = "bot-1";
    private final FakeChatServer server = new FakeChatServer();

    OnDemandCheckTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("advice a round would keep silent (NONE) is still answered: an ALERT correlated with the check, naming who asked")
    void silentAdviceIsAnswered() {
        server.answer(Reply.advice("NONE", null, "all calm"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.ADVISE))) {
            h.advisor.inputs().onSnapshot(snapshot(BOT, "s-1"), 0);
            OperatorCommand check = llmCheck("c-1");

            h.advisor.checkNow(check);
            h.awaitSettled();

            assertThat(h.output.events).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.ALERT);
                assertThat(e.getCorrelationId()).isEqualTo("c-1");
                assertThat(e.getAttributes()).containsEntry("action", "NONE").containsEntry("applied", "false")
                        .containsEntry("requested_by", "alice").containsEntry("outcome", "no action advised");
            });
            assertThat(h.output.commands).isEmpty();
        }
    }

    @Test
    @DisplayName("a snapshot already advised by a round is reviewed again on demand")
    void reviewsAnAdvisedSnapshotAgain() {
        server.answer(Reply.advice("NONE", null, "all calm"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.ADVISE))) {
            h.adviseOn(snapshot(BOT, "s-1"));
            assertThat(server.requests()).isEqualTo(1);

            h.advisor.checkNow(llmCheck("c-1"));
            h.awaitSettled();

            assertThat(server.requests()).isEqualTo(2);
            assertThat(h.output.events).filteredOn(e -> "c-1".equals(e.getCorrelationId())).hasSize(1);
        }
    }

    @Test
    @DisplayName("apply mode: applied advice issues a command whose id derives from the check, not from the snapshot a round used")
    void appliedAdviceCommandIdFromCheck() {
        server.answer(Reply.advice("PAUSE_ENTRIES", null, "losses accelerating"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY))) {
            h.adviseOn(snapshot(BOT, "s-1"));
            OperatorCommand byRound = h.output.commands.get(0);

            h.advisor.checkNow(llmCheck("c-1"));
            h.awaitSettled();

            assertThat(h.output.commands).hasSize(2);
            OperatorCommand byCheck = h.output.commands.get(1);
            assertThat(byCheck.getCommandType()).isEqualTo(CommandType.PAUSE_ENTRIES);
            assertThat(byCheck.getCommandId()).isNotEqualTo(byRound.getCommandId());
            assertThat(byCheck.getArgs()).containsEntry("check_command_id", "c-1").containsEntry("snapshot_id", "s-1");
            SupervisorEvent answer = h.output.events.stream().filter(e -> "c-1".equals(e.getCorrelationId())).findFirst().orElseThrow();
            assertThat(answer.getAttributes()).containsEntry("applied", "true").containsEntry("command_id", byCheck.getCommandId());
        }
    }

    @Test
    @DisplayName("a bot without a snapshot on this advisor: refused at once with OPERATOR_COMMAND_REJECTED, no call")
    void refusedWithoutSnapshot() {
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.ADVISE))) {
            h.advisor.checkNow(llmCheck("c-1"));

            assertThat(h.output.events).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.OPERATOR_COMMAND_REJECTED);
                assertThat(e.getCorrelationId()).isEqualTo("c-1");
                assertThat(e.getMessage()).contains("no snapshot of this bot");
                assertThat(e.getAttributes()).containsEntry("command_type", "LLM_CHECK").containsEntry("command_id", "c-1");
            });
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    @DisplayName("while a review of the bot is running, a second check is refused and the running one still answers")
    void refusedWhileRunning() {
        server.answerBy(body -> Reply.hang());
        AdvisorProperties slow = new AdvisorProperties(true, TrustMode.ADVISE, Duration.ofMinutes(15), server.baseUrl(),
                AdvisorFixtures.MODEL, "UNSET", Duration.ofSeconds(2), 200, true, 0.25, 10, 4, "g", Duration.ZERO,
                new AdvisorProperties.Retry(1, Duration.ofMillis(100), 2.0),
                new AdvisorProperties.CircuitBreaker(100, 100, 100, Duration.ofMinutes(5), 1));
        try (AdvisorHarness h = new AdvisorHarness(slow)) {
            h.advisor.inputs().onSnapshot(snapshot(BOT, "s-1"), 0);
            h.advisor.checkNow(llmCheck("c-1"));
            h.advisor.checkNow(llmCheck("c-2"));

            assertThat(h.output.events).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.OPERATOR_COMMAND_REJECTED);
                assertThat(e.getCorrelationId()).isEqualTo("c-2");
                assertThat(e.getMessage()).contains("already running");
            });
            h.awaitSettled();
            assertThat(h.output.events).filteredOn(e -> "c-1".equals(e.getCorrelationId())).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("state", "UNAVAILABLE").containsEntry("kind", "timeout"));
        }
    }

    @Test
    @DisplayName("a failed call answers the check with its kind, beside the one unavailable alert per outage")
    void failureAnswersTheCheck() {
        server.answer(Reply.status(500));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.ADVISE))) {
            h.advisor.inputs().onSnapshot(snapshot(BOT, "s-1"), 0);
            h.advisor.checkNow(llmCheck("c-1"));
            h.awaitSettled();
            h.advisor.checkNow(llmCheck("c-2"));
            h.awaitSettled();

            assertThat(h.output.events).filteredOn(e -> e.getCorrelationId() != null).extracting(SupervisorEvent::getCorrelationId)
                    .containsExactly("c-1", "c-2");
            assertThat(h.output.events).filteredOn(e -> "c-1".equals(e.getCorrelationId())).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("LLM check failed (http_5xx)"));
            assertThat(h.output.alertsWithState("UNAVAILABLE")).as("two answers and one outage alert").hasSize(3);
        }
    }

    @Test
    @DisplayName("mode off publishes nothing, so the advisor leaves the check to the policy, which rejects it")
    void modeOffLeavesItToThePolicy() {
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.OFF))) {
            h.advisor.inputs().onSnapshot(snapshot(BOT, "s-1"), 0);
            h.advisor.checkNow(llmCheck("c-1"));

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> server.requests() == 0);
            assertThat(h.output.events).isEmpty();
        }
    }

    private static OperatorCommand llmCheck(String commandId) {
        return OperatorCommand.newBuilder().setEventId(commandId).setBotId(BOT).setTsMs(1_700_000_000_000L)
                .setCommandId(commandId).setCommandType(CommandType.LLM_CHECK).setIssuedBy("alice")
                .setReason("volatile session").setArgs(Map.of()).setSource("HTTP").build();
    }
}
