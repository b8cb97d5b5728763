package com.quantumedge.supervisor.policy.advisor;

import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.risk;
import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.settings;
import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.policy.advisor.FakeChatServer.Reply;

@DisplayName("Advice rounds against a local HTTP server")
class AdvisorRoundsTest {

    private static final String BOT = "bot-1";
    private final FakeChatServer server = new FakeChatServer();

    AdvisorRoundsTest() throws IOException {
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("apply mode: PAUSE_ENTRIES advice becomes an operator command (source ADVISOR, issued by advisor:<model>) and an ALERT")
    void applyPublishesCommand() {
        server.answer(Reply.advice("PAUSE_ENTRIES", null, "losses accelerating"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY))) {
            h.adviseOn(snapshot(BOT, "s-1"));

            assertThat(h.output.commands).singleElement().satisfies(c -> {
                assertThat(c.getCommandType()).isEqualTo(CommandType.PAUSE_ENTRIES);
                assertThat(c.getSource()).isEqualTo("ADVISOR");
                assertThat(c.getIssuedBy()).isEqualTo("advisor:test-model");
                assertThat(c.getReason()).isEqualTo("LLM advice: losses accelerating");
                assertThat(c.getBotId()).isEqualTo(BOT);
                assertThat(c.getArgs()).containsEntry("snapshot_id", "s-1");
            });
            OperatorCommand command = h.output.commands.get(0);
            assertThat(h.output.events).singleElement().satisfies(e -> {
                assertThat(e.getEventType()).isEqualTo(EventType.ALERT);
                assertThat(e.getSeverity()).isEqualTo(Severity.WARNING);
                assertThat(e.getAttributes()).containsEntry("action", "PAUSE_ENTRIES").containsEntry("applied", "true");
                assertThat(e.getCorrelationId()).isEqualTo(command.getCommandId());
            });
            assertThat(h.count("policy.advisor.calls", "outcome", "advice")).isEqualTo(1);
            assertThat(h.count("policy.advisor.advice", "action", "PAUSE_ENTRIES")).isEqualTo(1);
            assertThat(h.count("policy.advisor.commands", "type", "PAUSE_ENTRIES")).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("apply mode: LOWER_RISK below the floor issues SET_RISK_MULTIPLIER at the floor")
    void lowerRiskClampedToFloor() {
        server.answer(Reply.advice("LOWER_RISK", 0.05, "volatility spike"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.APPLY))) {
            h.adviseOn(snapshot(BOT, "s-1"));

            assertThat(h.output.commands).singleElement().satisfies(c -> {
                assertThat(c.getCommandType()).isEqualTo(CommandType.SET_RISK_MULTIPLIER);
                assertThat(c.getArgs()).containsEntry("multiplier", "0.25");
            });
        }
    }

    @Test
    @DisplayName("advise mode: the advice is an ALERT event only, no command")
    void adviseModeEventOnly() {
        server.answer(Reply.advice("PAUSE_ENTRIES", null, "losses accelerating"));
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.ADVISE))) {
            h.adviseOn(snapshot(BOT, "s-1"));

            assertThat(h.output.commands).isEmpty();
            assertThat(h.output.adviceEvents()).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("applied", "false"));
        }
    }

    @Test
    @DisplayName("the prompt carries the bot's snapshot, risk flags and recent events, not the advisor's own events")
    void promptContents() {
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.ADVISE))) {
            h.advisor.inputs().onRiskState(risk(BOT, 3, true, true, 0.5), 0);
            h.advisor.inputs().onEvent(event("risk-stream", "RISK_BREACH near daily loss"), 0);
            h.advisor.inputs().onEvent(event(AdvisorRecords.EVENT_SOURCE, "LLM advises something"), 0);
            h.adviseOn(snapshot(BOT, "s-1"));

            String prompt = server.received().get(0).body();
            assertThat(prompt).contains("realized_pnl_today").contains("llm_paused\\\":true")
                    .contains("RISK_BREACH near daily loss").doesNotContain("LLM advises something");
        }
    }

    @Test
    @DisplayName("each snapshot is advised once: a round without a new snapshot calls nothing")
    void oncePerSnapshot() {
        try (AdvisorHarness h = new AdvisorHarness(settings(server.baseUrl(), TrustMode.ADVISE))) {
            h.adviseOn(snapshot(BOT, "s-1"));
            assertThat(h.advisor.startRound()).isZero();
            h.adviseOn(snapshot(BOT, "s-2"));

            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a hanging LLM delays neither the round, nor other bots' advice, nor input updates; the hung bot gets no second call")
    void hangingLlmDelaysNothingElse() {
        server.answerBy(body -> body.contains("bot-slow") ? Reply.hang() : Reply.advice("PAUSE_ENTRIES", null, "fast answer"));
        AdvisorProperties slowTimeout = new AdvisorProperties(true, TrustMode.APPLY, Duration.ofMinutes(15), server.baseUrl(),
                AdvisorFixtures.MODEL, "UNSET", Duration.ofSeconds(30), 200, true, 0.25, 10, 4, "g", Duration.ZERO,
                new AdvisorProperties.Retry(1, Duration.ofMillis(100), 2.0),
                new AdvisorProperties.CircuitBreaker(100, 100, 100, Duration.ofMinutes(5), 1));
        try (AdvisorHarness h = new AdvisorHarness(slowTimeout)) {
            h.advisor.inputs().onSnapshot(snapshot("bot-slow", "slow-1"), 0);
            h.advisor.inputs().onSnapshot(snapshot("bot-fast", "fast-1"), 1);

            assertThat(h.advisor.startRound()).isEqualTo(2);

            await().atMost(Duration.ofSeconds(10)).until(() -> !h.output.commands.isEmpty());
            assertThat(server.hanging()).as("the slow bot's request is still held by the server").isEqualTo(1);
            assertThat(h.output.commands).extracting(OperatorCommand::getBotId).containsExactly("bot-fast");

            h.advisor.inputs().onSnapshot(snapshot("bot-slow", "slow-2"), 0);
            h.advisor.inputs().onSnapshot(snapshot("bot-fast", "fast-2"), 1);
            assertThat(h.advisor.startRound()).as("only the fast bot: the slow one's call is still in flight").isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> h.output.commands.size() == 2);
            assertThat(server.received()).filteredOn(r -> r.body().contains("bot-slow")).hasSize(1);
        }
    }

    private static SupervisorEvent event(String source, String message) {
        return SupervisorEvent.newBuilder().setEventId("e-" + message.hashCode()).setBotId(BOT).setTsMs(1L)
                .setEventType(EventType.ALERT).setSeverity(Severity.WARNING).setSource(source).setMessage(message).build();
    }
}
