package com.quantumedge.supervisor.policy.topology;

import static com.quantumedge.supervisor.policy.topology.PolicyDriver.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.policy.config.PolicyConfig;

@DisplayName("Stale heartbeat restart (T2 = 90 s), cooldown, restart budget and escalation")
class HeartbeatRestartRuleTest {

    static final long T0 = 1_700_000_100_000L;

    static PolicyConfig policy(Duration cooldown, int maxPerWindow, Duration window) {
        PolicyConfig d = PolicyConfig.defaults();
        return new PolicyConfig(d.heartbeat(), new PolicyConfig.Restart(cooldown, maxPerWindow, window),
                d.crashLoop(), d.snapshot(), d.operator());
    }

    static List<Long> restartTimes(List<ControlCommand> commands) {
        return commands.stream().filter(c -> c.getCommandType() == CommandType.RESTART)
                .map(c -> c.getTsMs() - T0).toList();
    }

    @Test
    @DisplayName("a heartbeat 90 s old requests one RESTART naming the rule and the numbers, audited by a RESTART_REQUESTED event")
    void restartsAtT2() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 89_000);
            assertThat(policy.commands()).isEmpty();

            policy.tick(BOT, T0 + 90_000);

            ControlCommand restart = policy.commands().get(0);
            assertThat(restart.getCommandType()).isEqualTo(CommandType.RESTART);
            assertThat(restart.getBotId()).isEqualTo(BOT);
            assertThat(restart.getTsMs()).isEqualTo(T0 + 90_000);
            assertThat(restart.getOrigin()).isEqualTo("heartbeat-stale-restart");
            assertThat(restart.getIssuedBy()).isEqualTo("policy:heartbeat-stale-restart");
            assertThat(restart.getReason()).contains("no heartbeat for 90000 ms").contains("restart after 90000 ms")
                    .contains("restart 1 of 3");
            assertThat(policy.events(EventType.RESTART_REQUESTED)).singleElement()
                    .satisfies(e -> assertThat(e.getCorrelationId()).isEqualTo(restart.getCommandId()));
        }
    }

    @ParameterizedTest(name = "cooldown {0}s: restarts of a bot that stays silent at {1}")
    @CsvSource(delimiter = '|', value = {
            "30  | 90000;180000;270000",
            "90  | 90000;180000;270000",
            "120 | 90000;210000;330000",
    })
    @DisplayName("a silent bot gets T2 of grace after each restart, and never less than the cooldown")
    void cooldownBetweenRestarts(long cooldownS, String expected) {
        try (PolicyDriver policy = new PolicyDriver(policy(Duration.ofSeconds(cooldownS), 10, Duration.ofHours(1)))) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 359_000);

            assertThat(restartTimes(policy.commands()))
                    .containsExactlyElementsOf(java.util.Arrays.stream(expected.split(";")).map(Long::valueOf).toList());
        }
    }

    @Test
    @DisplayName("after K = 3 restarts in the window the next firing escalates: a POLICY HALT for the risk engine and a CRITICAL ESCALATED event, then no more restarts")
    void escalatesAfterBudget() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 600_000);

            assertThat(restartTimes(policy.commands())).containsExactly(90_000L, 180_000L, 270_000L);
            List<OperatorCommand> halts = policy.halts();
            assertThat(halts).singleElement().satisfies(h -> {
                assertThat(h.getCommandType()).isEqualTo(CommandType.HALT);
                assertThat(h.getIssuedBy()).isEqualTo("policy:restart-budget");
                assertThat(h.getSource()).isEqualTo("POLICY");
                assertThat(h.getTsMs()).isEqualTo(T0 + 360_000);
                assertThat(h.getReason()).contains("after 3 policy restarts");
            });
            assertThat(policy.events(EventType.ESCALATED)).singleElement().satisfies(e -> {
                assertThat(e.getSeverity()).isEqualTo(Severity.CRITICAL);
                assertThat(e.getCorrelationId()).isEqualTo(halts.get(0).getCommandId());
                assertThat(e.getAttributes()).containsEntry("restarts_in_window", "3").containsEntry("action", "HALT");
            });
        }
    }

    @ParameterizedTest(name = "window {0}s -> escalates at 360 s: {1}")
    @CsvSource({"300, true", "200, false"})
    @DisplayName("restarts older than the window no longer count against the budget")
    void slidingWindow(long windowS, boolean escalates) {
        try (PolicyDriver policy = new PolicyDriver(policy(Duration.ofSeconds(60), 3, Duration.ofSeconds(windowS)))) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 360_000);

            assertThat(policy.halts().isEmpty()).isEqualTo(!escalates);
            assertThat(restartTimes(policy.commands()).contains(360_000L)).isEqualTo(!escalates);
        }
    }

    @Test
    @DisplayName("heartbeats resuming between hangs do not reset the budget: a bot that hangs again and again is halted")
    void repeatedHangsEscalate() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            long t = T0;
            policy.heartbeat(BOT, t);
            for (int hang = 0; hang < 4; hang++) {
                policy.ticks(BOT, t + 1000, t + 90_000).heartbeat(BOT, t + 100_000);
                t += 100_000;
            }

            assertThat(restartTimes(policy.commands())).containsExactly(90_000L, 190_000L, 290_000L);
            assertThat(policy.events(EventType.ESCALATED)).hasSize(1);
        }
    }

    @Test
    @DisplayName("a bot an operator stopped is not restarted however long it is silent")
    void operatorStopSuppressesRestart() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).operator(BOT, T0 + 5_000, CommandType.STOP, Map.of());
            policy.ticks(BOT, T0 + 1000, T0 + 400_000);

            assertThat(policy.commands()).extracting(ControlCommand::getCommandType).containsExactly(CommandType.STOP);
            assertThat(policy.halts()).isEmpty();
        }
    }

    @Test
    @DisplayName("an operator START after an escalation gives the bot a fresh budget and T2 of grace")
    void operatorStartClearsEscalation() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 400_000);
            policy.commands();
            policy.operator(BOT, T0 + 400_500, CommandType.START, Map.of());
            policy.ticks(BOT, T0 + 401_000, T0 + 500_000);

            List<ControlCommand> after = policy.commands();
            assertThat(after).extracting(ControlCommand::getCommandType).containsExactly(CommandType.START, CommandType.RESTART);
            assertThat(after.get(1).getTsMs()).isEqualTo(T0 + 491_000);
            assertThat(after.get(1).getReason()).contains("restart 1 of 3");
        }
    }

    @Test
    @DisplayName("ids are a function of bot, rule and event time: two runs of the same inputs emit identical commands and events")
    void deterministicIds() {
        List<ControlCommand> first;
        List<SupervisorEvent> firstEvents;
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 400_000);
            first = policy.commands();
            firstEvents = policy.events();
        }
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 400_000);
            assertThat(policy.commands()).isEqualTo(first);
            assertThat(policy.events()).isEqualTo(firstEvents);
        }
        assertThat(first).extracting(ControlCommand::getCommandId).doesNotHaveDuplicates();
    }
}
