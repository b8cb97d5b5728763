package com.quantumedge.supervisor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.agent.config.RestartSettings;
import com.quantumedge.supervisor.agent.support.AgentTopics;
import com.quantumedge.supervisor.agent.support.SimBotCommand;
import com.quantumedge.supervisor.agent.support.TestAgents;
import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

/** Local autorestart of real sim-bot processes, observed on the real broker. */
class AutorestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestAgents agents = new TestAgents();
    private final AgentTopics topics = new AgentTopics(SharedKafkaBroker.bootstrapServers());

    @AfterEach
    void tearDown() {
        agents.close();
        topics.close();
    }

    @Test
    @DisplayName("a crashed bot is started again within 1 s of its exit, as a new process")
    void restartsCrashedBotWithinOneSecond() {
        String bot = agents.newBotId();
        agents.start(TestAgents.FAST_RESTARTS, TestAgents.bot(bot, "--mode", "crash", "--crash-after-s", "1"));

        await().atMost(WAIT).until(() -> topics.starts(bot).size() >= 2);

        AgentStatus exited = topics.transitions(bot, ProcessState.EXITED).get(0);
        AgentStatus restarted = topics.starts(bot).get(1);
        assertThat(exited.getExitCode()).isEqualTo(1);
        assertThat(restarted.getTsMs() - exited.getTsMs()).isLessThan(1000);
        assertThat(restarted.getPid()).isNotEqualTo(exited.getPid());
        assertThat(restarted.getRestartCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("repeated crashes are restarted after growing delays")
    void repeatedCrashesBackOff() {
        String bot = agents.newBotId();
        RestartSettings backoff = new RestartSettings(Duration.ofMillis(100), 3.0, Duration.ofSeconds(10), 10,
                Duration.ofSeconds(60), Duration.ofSeconds(30));
        agents.start(backoff, TestAgents.bot(bot, "--mode", "crash", "--crash-after-s", "0"));

        await().atMost(WAIT).until(() -> topics.starts(bot).size() >= 4);

        List<String> plans = topics.transitions(bot, ProcessState.RESTARTING).stream().map(AgentStatus::getMessage).toList();
        assertThat(plans).startsWith("restart #1 in 100 ms", "restart #2 in 300 ms", "restart #3 in 900 ms");
        List<AgentStatus> exits = topics.transitions(bot, ProcessState.EXITED);
        List<AgentStatus> starts = topics.starts(bot);
        long[] gaps = new long[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = starts.get(i + 1).getTsMs() - exits.get(i).getTsMs();
        }
        assertThat(gaps[0]).isGreaterThanOrEqualTo(100);
        assertThat(gaps[1]).isGreaterThanOrEqualTo(300);
        assertThat(gaps[2]).isGreaterThanOrEqualTo(900);
    }

    @Test
    @DisplayName("hitting the start limit leaves the bot FAILED, not running, with a BOT_FAILED event")
    void startLimitFails() {
        String bot = agents.newBotId();
        RestartSettings limit = new RestartSettings(Duration.ofMillis(50), 1.0, Duration.ofSeconds(1), 2,
                Duration.ofSeconds(60), Duration.ofSeconds(30));
        ProcessAgent agent = agents.start(limit, TestAgents.bot(bot, "--mode", "crash", "--crash-after-s", "0"));

        await().atMost(WAIT).until(() -> !topics.transitions(bot, ProcessState.FAILED).isEmpty());
        await().atMost(WAIT).until(() -> topics.events(bot).stream().anyMatch(e -> e.getEventType() == EventType.BOT_FAILED));

        assertThat(topics.starts(bot)).hasSize(3);
        assertThat(topics.transitions(bot, ProcessState.FAILED).get(0).getMessage()).contains("start limit");
        assertThat(agent.bot(bot).orElseThrow().view().state()).isEqualTo(ProcessState.FAILED);
        assertThat(SimBotCommand.processesOf(bot)).isEmpty();
    }

    @Test
    @DisplayName("an operator START brings a FAILED bot back with a fresh start limit")
    void operatorStartClearsFailed() {
        String bot = agents.newBotId();
        RestartSettings limit = new RestartSettings(Duration.ofMillis(50), 1.0, Duration.ofSeconds(1), 1,
                Duration.ofSeconds(60), Duration.ofSeconds(30));
        ProcessAgent agent = agents.start(limit, TestAgents.bot(bot, "--mode", "crash", "--crash-after-s", "2"));
        await().atMost(WAIT).until(() -> !topics.transitions(bot, ProcessState.FAILED).isEmpty());
        int startsBefore = topics.starts(bot).size();

        var start = topics.send(bot, CommandType.START, Map.of());

        await().atMost(WAIT).until(() -> topics.ackStatuses(start).contains(AckStatus.DONE));
        assertThat(topics.ackStatuses(start)).containsExactly(AckStatus.ACCEPTED, AckStatus.DONE);
        assertThat(topics.starts(bot)).hasSize(startsBefore + 1);
        assertThat(agent.bot(bot).orElseThrow().view().state()).isIn(ProcessState.RUNNING, ProcessState.EXITED,
                ProcessState.RESTARTING);
        // The fresh limit allows one more automatic restart after the operator's start.
        await().atMost(WAIT).until(() -> topics.starts(bot).size() == startsBefore + 2);
    }
}
