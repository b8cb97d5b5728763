package com.quantumedge.supervisor.policy.topology;

import static com.quantumedge.supervisor.policy.topology.PolicyDriver.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Severity;

@DisplayName("Crash loops reported by the agent (5 restarts in 10 min, or FAILED)")
class CrashLoopRuleTest {

    static final long T0 = 1_700_000_100_000L;

    @Test
    @DisplayName("the agent reporting FAILED halts trading and raises one CRITICAL CRASH_LOOP alert")
    void failedHalts() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.processState(BOT, T0, ProcessState.RUNNING, 0).processState(BOT, T0 + 5_000, ProcessState.FAILED, 5);

            assertThat(policy.halts()).singleElement().satisfies(h -> {
                assertThat(h.getIssuedBy()).isEqualTo("policy:crash-loop");
                assertThat(h.getTsMs()).isEqualTo(T0 + 5_000);
                assertThat(h.getReason()).contains("FAILED");
            });
            assertThat(policy.events(EventType.CRASH_LOOP)).singleElement().satisfies(e -> {
                assertThat(e.getSeverity()).isEqualTo(Severity.CRITICAL);
                assertThat(e.getAttributes()).containsEntry("process_state", "FAILED").containsEntry("agent_id", "agent-1");
            });
        }
    }

    @ParameterizedTest(name = "restart_count 0 -> {0} within {1} s: crash loop {2}")
    @CsvSource({
            "5, 60,  true",
            "4, 60,  false",
            "5, 600, true",
            "5, 601, false",
    })
    @DisplayName("restart_count growing by 5 within the window (first increment at 1 s) is a crash loop even before the agent gives up")
    void restartCountGrowth(int finalCount, long spanS, boolean crashLoop) {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.processState(BOT, T0, ProcessState.RUNNING, 0);
            for (int i = 1; i < finalCount; i++) {
                policy.processState(BOT, T0 + i * 1000L, ProcessState.RUNNING, i);
            }
            policy.processState(BOT, T0 + spanS * 1000, ProcessState.RUNNING, finalCount);

            assertThat(policy.events(EventType.CRASH_LOOP).isEmpty()).isEqualTo(!crashLoop);
            assertThat(policy.halts().isEmpty()).isEqualTo(!crashLoop);
        }
    }

    @Test
    @DisplayName("a crash loop alerts once; after an operator START a new loop alerts again")
    void oncePerLoop() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.processState(BOT, T0, ProcessState.FAILED, 5).processState(BOT, T0 + 1000, ProcessState.FAILED, 5);
            assertThat(policy.events(EventType.CRASH_LOOP)).hasSize(1);

            policy.operator(BOT, T0 + 2000, CommandType.START, Map.of())
                    .processState(BOT, T0 + 3000, ProcessState.FAILED, 5);

            assertThat(policy.events(EventType.CRASH_LOOP)).hasSize(1);
            assertThat(policy.halts()).hasSize(2);
        }
    }

    @Test
    @DisplayName("command acknowledgements and agent heartbeats are not process transitions: their restart_count 0 is no reset")
    void acksIgnored() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.processState(BOT, T0, ProcessState.RUNNING, 3);
            policy.pipe(com.quantumedge.supervisor.schemas.Topics.AGENT_STATUS, BOT,
                    com.quantumedge.supervisor.avro.AgentStatus.newBuilder().setEventId("ack").setBotId(BOT)
                            .setTsMs(T0 + 1).setAgentId("agent-1")
                            .setKind(com.quantumedge.supervisor.avro.AgentStatusKind.COMMAND_ACK)
                            .setAck(com.quantumedge.supervisor.avro.AckStatus.DONE).build(), T0 + 1);
            for (int i = 4; i <= 7; i++) {
                policy.processState(BOT, T0 + i * 1000L, ProcessState.RUNNING, i);
            }

            assertThat(policy.events(EventType.CRASH_LOOP)).isEmpty();
        }
    }
}
