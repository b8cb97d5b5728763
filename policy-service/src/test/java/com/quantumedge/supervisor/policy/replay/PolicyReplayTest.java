package com.quantumedge.supervisor.policy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.policy.config.PolicyConfig;
import com.quantumedge.supervisor.policy.topology.PolicyDriver;
import com.quantumedge.supervisor.schemas.Topics;

@DisplayName("Replay of recorded inputs")
class PolicyReplayTest {

    static final long T0 = 1_700_000_100_000L;

    /** Two bots for 15 minutes: one hangs twice and crash-loops, one is healthy and gets an operator mode switch. */
    static List<RecordedRecord> scenario() {
        List<RecordedRecord> in = new ArrayList<>();
        for (long t = T0; t <= T0 + 900_000; t += 1000) {
            for (String bot : List.of("hung", "healthy")) {
                in.add(RecordedRecord.of(Topics.TICKS.name(), bot, PolicyDriver.tickOf(bot, t), t));
            }
            if (t % 10_000 == 0) {
                in.add(RecordedRecord.of(Topics.HEARTBEATS.name(), "healthy", PolicyDriver.heartbeatOf("healthy", t), t));
            }
            if (t == T0 || t == T0 + 200_000) {
                in.add(RecordedRecord.of(Topics.HEARTBEATS.name(), "hung", PolicyDriver.heartbeatOf("hung", t), t));
            }
        }
        in.add(RecordedRecord.of(Topics.OPERATOR_COMMANDS.name(), "healthy", OperatorCommand.newBuilder()
                .setEventId("e-1").setBotId("healthy").setTsMs(T0 + 120_500).setCommandId("op-1")
                .setCommandType(CommandType.SET_MODE).setIssuedBy("alice").setReason("go live")
                .setArgs(Map.of("mode", "live")).build(), T0 + 120_500));
        in.add(RecordedRecord.of(Topics.AGENT_STATUS.name(), "hung", AgentStatus.newBuilder().setEventId("a-1")
                .setBotId("hung").setTsMs(T0 + 700_500).setAgentId("agent-1").setKind(AgentStatusKind.PROCESS_STATE)
                .setProcessState(ProcessState.FAILED).setRestartCount(5).build(), T0 + 700_500));
        in.add(RecordedRecord.of(Topics.HEARTBEATS.name(), "hung", "garbage".getBytes(), T0 + 300_500));
        return PolicyReplay.inTimestampOrder(in);
    }

    /** What a live run records: its inputs plus the escalation HALTs it wrote back to the operator topic. */
    static List<RecordedRecord> recording(List<RecordedRecord> inputs, ReplayResult live) {
        List<RecordedRecord> all = new ArrayList<>(inputs);
        live.escalations().forEach(h -> all.add(RecordedRecord.of(Topics.OPERATOR_COMMANDS.name(), h.getBotId(), h, h.getTsMs())));
        return PolicyReplay.inTimestampOrder(all);
    }

    @Test
    @DisplayName("replaying a recording with the unchanged policy reproduces 100% of the recorded commands")
    void unchangedPolicyReproducesEverything() {
        ReplayResult live = new PolicyReplay(PolicyConfig.defaults()).run(scenario());
        assertThat(live.commands()).extracting(ControlCommand::getCommandType)
                .contains(CommandType.RESTART, CommandType.SET_MODE);
        assertThat(live.escalations()).isNotEmpty();

        ReplayResult replay = new PolicyReplay(PolicyConfig.defaults()).run(recording(scenario(), live));
        CommandDiff diff = CommandDiff.between(live.commands(), replay.commands());

        assertThat(diff.isEmpty()).as(diff.describe()).isTrue();
        assertThat(diff.reproducedRatio()).isEqualTo(1.0);
        assertThat(replay.events()).isEqualTo(live.events());
        assertThat(replay.snapshots()).isEqualTo(live.snapshots());
        assertThat(replay.escalations()).isEqualTo(live.escalations());
        assertThat(replay.deadLetters()).isEqualTo(1);
    }

    @Test
    @DisplayName("replaying with a longer restart threshold shows which restarts disappear and which appear")
    void changedPolicyYieldsDiff() {
        List<RecordedRecord> inputs = scenario();
        ReplayResult live = new PolicyReplay(PolicyConfig.defaults()).run(inputs);
        PolicyConfig d = PolicyConfig.defaults();
        PolicyConfig patient = new PolicyConfig(new PolicyConfig.Heartbeat(Duration.ofSeconds(30), Duration.ofSeconds(150)),
                d.restart(), d.crashLoop(), d.snapshot(), d.operator());

        CommandDiff diff = new PolicyReplay(patient).diff(recording(inputs, live), live.commands());

        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.missing()).isNotEmpty().allSatisfy(c -> assertThat(c.getCommandType()).isEqualTo(CommandType.RESTART));
        assertThat(diff.added()).isNotEmpty().allSatisfy(c -> assertThat(c.getReason()).contains("restart after 150000 ms"));
        assertThat(diff.reproduced()).extracting(ControlCommand::getCommandType).contains(CommandType.SET_MODE);
        assertThat(diff.reproducedRatio()).isLessThan(1.0);
        assertThat(diff.describe()).contains("- ").contains("+ ");
    }

    @Test
    @DisplayName("the diff reports a command with the same id but other content as changed")
    void changedContent() {
        ControlCommand recorded = ControlCommand.newBuilder().setEventId("e").setBotId("b").setTsMs(1).setCommandId("c")
                .setCommandType(CommandType.RESTART).setIssuedBy("policy:x").setReason("r").build();
        ControlCommand replayed = ControlCommand.newBuilder(recorded).setReason("other").build();

        CommandDiff diff = CommandDiff.between(List.of(recorded), List.of(replayed));

        assertThat(diff.changed()).singleElement().satisfies(c -> assertThat(c.replayed().getReason()).isEqualTo("other"));
        assertThat(diff.reproducedRatio()).isZero();
    }
}
