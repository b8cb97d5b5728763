package com.quantumedge.supervisor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.agent.config.JobSpec;
import com.quantumedge.supervisor.agent.support.AgentTopics;
import com.quantumedge.supervisor.agent.support.SimBotCommand;
import com.quantumedge.supervisor.agent.support.TestAgents;
import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.simbot.SimBot;

/** Control commands over the real broker, executed on real sim-bot processes, acknowledged on agent status. */
class ProcessCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestAgents agents = new TestAgents();
    private final AgentTopics topics = new AgentTopics(SharedKafkaBroker.bootstrapServers());

    @AfterEach
    void tearDown() {
        agents.close();
        topics.close();
    }

    private long runningPid(ProcessAgent agent, String bot) {
        await().atMost(WAIT).until(() -> agent.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
        return agent.bot(bot).orElseThrow().view().pid();
    }

    @Test
    @DisplayName("RESTART is acknowledged ACCEPTED then DONE and replaces the process")
    void restart() {
        String bot = agents.newBotId();
        ProcessAgent agent = agents.start(TestAgents.FAST_RESTARTS, TestAgents.bot(bot));
        long before = runningPid(agent, bot);

        ControlCommand restart = topics.send(bot, CommandType.RESTART, Map.of());

        await().atMost(WAIT).until(() -> topics.ackStatuses(restart).contains(AckStatus.DONE));
        assertThat(topics.ackStatuses(restart)).containsExactly(AckStatus.ACCEPTED, AckStatus.DONE);
        assertThat(topics.acks(restart)).allSatisfy(a -> assertThat(a.getCorrelationId()).isEqualTo(restart.getEventId()));
        long after = agent.bot(bot).orElseThrow().view().pid();
        assertThat(after).isNotEqualTo(before);
        assertThat(SimBotCommand.processesOf(bot)).extracting(ProcessHandle::pid).containsExactly(after);
    }

    @Test
    @DisplayName("a command id seen again is acknowledged with the earlier outcome but not executed twice")
    void duplicateExecutedOnce() {
        String bot = agents.newBotId();
        ProcessAgent agent = agents.start(TestAgents.FAST_RESTARTS, TestAgents.bot(bot));
        runningPid(agent, bot);
        ControlCommand restart = topics.send(bot, CommandType.RESTART, Map.of());
        await().atMost(WAIT).until(() -> topics.ackStatuses(restart).contains(AckStatus.DONE));
        long pidAfterFirst = agent.bot(bot).orElseThrow().view().pid();

        topics.send(restart);

        await().atMost(WAIT).until(() -> topics.acks(restart).size() == 3);
        AgentStatus duplicateAck = topics.acks(restart).get(2);
        assertThat(duplicateAck.getAck()).isEqualTo(AckStatus.DONE);
        assertThat(duplicateAck.getMessage()).startsWith("duplicate command id");
        assertThat(agent.bot(bot).orElseThrow().view().pid()).isEqualTo(pidAfterFirst);
        assertThat(topics.starts(bot)).hasSize(2);
    }

    @Test
    @DisplayName("a command id executed before an agent restart is not executed by the next agent")
    void duplicateAcrossAgentRestart() {
        String bot = agents.newBotId();
        var properties = agents.properties(TestAgents.FAST_RESTARTS, Map.of(), TestAgents.bot(bot));
        ProcessAgent first = agents.start(properties);
        runningPid(first, bot);
        ControlCommand restart = topics.send(bot, CommandType.RESTART, Map.of());
        await().atMost(WAIT).until(() -> topics.ackStatuses(restart).contains(AckStatus.DONE));
        long pid = first.bot(bot).orElseThrow().view().pid();
        first.close();

        ProcessAgent second = agents.start(properties);
        topics.send(restart);

        await().atMost(WAIT).until(() -> topics.acks(restart).size() == 3);
        assertThat(topics.acks(restart).get(2).getMessage()).startsWith("duplicate command id");
        assertThat(second.bot(bot).orElseThrow().view().pid()).isEqualTo(pid);
        assertThat(topics.starts(bot)).hasSize(2);
    }

    @Test
    @DisplayName("STOP of a bot that ignores SIGTERM kills its process tree after the grace period")
    void stopKillsAfterGrace() {
        String bot = agents.newBotId();
        ProcessAgent agent = agents.start(TestAgents.FAST_RESTARTS, TestAgents.bot(bot, "paper", Duration.ofMillis(1500),
                SimBotCommand.of("--ignore-sigterm")));
        long pid = runningPid(agent, bot);
        await().atMost(WAIT).until(() -> java.nio.file.Files.readString(agent.bot(bot).orElseThrow().logPath())
                .contains("sim-bot started pid=" + pid));

        ControlCommand stop = topics.send(bot, CommandType.STOP, Map.of());

        await().atMost(WAIT).until(() -> topics.ackStatuses(stop).contains(AckStatus.DONE));
        assertThat(topics.acks(stop).get(1).getMessage()).contains("ignored SIGTERM and was killed");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(agent.bot(bot).orElseThrow().view().state()).isEqualTo(ProcessState.STOPPED);
        AgentStatus stopped = topics.transitions(bot, ProcessState.STOPPED).get(0);
        assertThat(stopped.getSignal()).isEqualTo("SIGKILL");
        assertThat(SimBotCommand.processesOf(bot)).isEmpty();
    }

    @Test
    @DisplayName("STOP of a well-behaved bot ends it with SIGTERM and no autorestart follows")
    void stopIsNotRestarted() {
        String bot = agents.newBotId();
        ProcessAgent agent = agents.start(TestAgents.FAST_RESTARTS, TestAgents.bot(bot));
        long pid = runningPid(agent, bot);
        await().atMost(WAIT).until(() -> java.nio.file.Files.readString(agent.bot(bot).orElseThrow().logPath())
                .contains("sim-bot started pid=" + pid));

        ControlCommand stop = topics.send(bot, CommandType.STOP, Map.of());

        await().atMost(WAIT).until(() -> topics.ackStatuses(stop).contains(AckStatus.DONE));
        assertThat(topics.acks(stop).get(1).getMessage()).contains("exited on SIGTERM");
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .until(() -> agent.bot(bot).orElseThrow().view().state() == ProcessState.STOPPED);
        assertThat(topics.starts(bot)).hasSize(1);
    }

    @Test
    @DisplayName("SET_MODE restarts the bot with the new mode on its command line")
    void setMode() {
        String bot = agents.newBotId();
        ProcessAgent agent = agents.start(TestAgents.FAST_RESTARTS, TestAgents.bot(bot));
        runningPid(agent, bot);

        ControlCommand setMode = topics.send(bot, CommandType.SET_MODE, Map.of("mode", "live"));

        await().atMost(WAIT).until(() -> topics.ackStatuses(setMode).contains(AckStatus.DONE));
        assertThat(topics.acks(setMode).get(1).getMessage()).contains("mode paper -> live");
        assertThat(agent.bot(bot).orElseThrow().view().mode()).isEqualTo("live");
        assertThat(SimBotCommand.processesOf(bot)).singleElement()
                .satisfies(p -> assertThat(p.info().commandLine().orElseThrow()).contains("--run-mode live"));
    }

    @Test
    @DisplayName("RUN_JOB runs the configured job as a child process and reports DONE, or FAILED on a non-zero exit or an overrun")
    void runJob() throws Exception {
        String bot = agents.newBotId();
        List<String> quickJob = simBotJob("--mode", "exit", "--bot-id", "{bot_id}");
        List<String> failingJob = simBotJob("--mode", "crash", "--crash-after-s", "0", "--exit-code", "3");
        List<String> slowJob = simBotJob();
        var bots = TestAgents.bot(bot);
        bots = new com.quantumedge.supervisor.agent.config.BotSpec(bots.id(), bots.command(), null, Map.of(), null,
                "paper", List.of(), false, true, Duration.ofSeconds(5), bots.logMaxSize(), 2);
        agents.start(agents.properties(TestAgents.FAST_RESTARTS, Map.of(
                "meta-agent", new JobSpec(quickJob, null, Map.of(), Duration.ofSeconds(60)),
                "broken", new JobSpec(failingJob, null, Map.of(), Duration.ofSeconds(60)),
                "stuck", new JobSpec(slowJob, null, Map.of(), Duration.ofSeconds(1))), bots));

        ControlCommand quick = topics.send(bot, CommandType.RUN_JOB, Map.of("job", "meta-agent"));
        ControlCommand broken = topics.send(bot, CommandType.RUN_JOB, Map.of("job", "broken"));
        ControlCommand stuck = topics.send(bot, CommandType.RUN_JOB, Map.of("job", "stuck"));

        await().atMost(WAIT).until(() -> topics.acks(quick).size() == 2 && topics.acks(broken).size() == 2
                && topics.acks(stuck).size() == 2);
        assertThat(topics.ackStatuses(quick)).containsExactly(AckStatus.ACCEPTED, AckStatus.DONE);
        assertThat(topics.acks(quick).get(1).getMessage()).contains("exited 0");
        // The job's own output proves it ran as a child process, with the bot id filled in.
        assertThat(Files.readString(agents.dataDir.resolve("logs").resolve("job-meta-agent.log")))
                .contains("sim-bot started pid=").contains("bot=" + bot);
        assertThat(topics.ackStatuses(broken)).containsExactly(AckStatus.ACCEPTED, AckStatus.FAILED);
        assertThat(topics.acks(broken).get(1).getMessage()).contains("exited with code 3");
        assertThat(topics.ackStatuses(stuck)).containsExactly(AckStatus.ACCEPTED, AckStatus.FAILED);
        assertThat(topics.acks(stuck).get(1).getMessage()).contains("timed out");
    }

    private static List<String> simBotJob(String... simBotArgs) {
        List<String> command = new ArrayList<>(List.of(SimBotCommand.java(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", SimBotCommand.classpath(), SimBot.class.getName(), "--gateway", "http://127.0.0.1:9"));
        command.addAll(List.of(simBotArgs));
        return command;
    }
}
