package com.quantumedge.supervisor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.agent.support.AgentTopics;
import com.quantumedge.supervisor.agent.support.SimBotCommand;
import com.quantumedge.supervisor.agent.support.TestAgents;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

/** A new agent on the same data dir finds the bot the previous one started. */
class AgentRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestAgents agents = new TestAgents();
    private final AgentTopics topics = new AgentTopics(SharedKafkaBroker.bootstrapServers());

    @AfterEach
    void tearDown() {
        agents.close();
        topics.close();
    }

    @Test
    @DisplayName("after the agent is killed and started again there is still exactly one bot process: the adopted one")
    void adoptsInsteadOfStartingASecondCopy() {
        String bot = agents.newBotId();
        var properties = agents.properties(TestAgents.FAST_RESTARTS, Map.of(), TestAgents.bot(bot));
        ProcessAgent first = agents.start(properties);
        await().atMost(WAIT).until(() -> first.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
        long pid = first.bot(bot).orElseThrow().view().pid();
        first.close();

        ProcessAgent second = agents.start(properties);

        await().atMost(WAIT).until(() -> second.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
        assertThat(second.bot(bot).orElseThrow().view().pid()).isEqualTo(pid);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> SimBotCommand.processesOf(bot).size() == 1);
        assertThat(SimBotCommand.processesOf(bot)).extracting(ProcessHandle::pid).containsExactly(pid);
        await().atMost(WAIT).until(() -> topics.transitions(bot, ProcessState.RUNNING).stream()
                .anyMatch(s -> s.getMessage().startsWith("adopted running pid " + pid)));
    }

    @Test
    @DisplayName("an adopted bot that dies is noticed and restarted like one the agent started itself")
    void adoptedBotIsSupervised() {
        String bot = agents.newBotId();
        var properties = agents.properties(TestAgents.FAST_RESTARTS, Map.of(), TestAgents.bot(bot));
        ProcessAgent first = agents.start(properties);
        await().atMost(WAIT).until(() -> first.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
        long pid = first.bot(bot).orElseThrow().view().pid();
        first.close();
        ProcessAgent second = agents.start(properties);
        await().atMost(WAIT).until(() -> second.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        await().atMost(WAIT).until(() -> {
            Long now = second.bot(bot).orElseThrow().view().pid();
            return now != null && now != pid && second.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING;
        });
        assertThat(SimBotCommand.processesOf(bot)).hasSize(1);
    }

    @Test
    @DisplayName("a pid file whose process is gone is discarded and the bot is started afresh")
    void stalePidFile() throws Exception {
        String bot = agents.newBotId();
        var properties = agents.properties(TestAgents.FAST_RESTARTS, Map.of(), TestAgents.bot(bot));
        ProcessAgent first = agents.start(properties);
        await().atMost(WAIT).until(() -> first.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
        long pid = first.bot(bot).orElseThrow().view().pid();
        first.close();
        ProcessHandle old = ProcessHandle.of(pid).orElseThrow();
        old.destroyForcibly();
        old.onExit().get();

        ProcessAgent second = agents.start(properties);

        await().atMost(WAIT).until(() -> second.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
        assertThat(second.bot(bot).orElseThrow().view().pid()).isNotEqualTo(pid);
        assertThat(SimBotCommand.processesOf(bot)).hasSize(1);
    }

    @Test
    @DisplayName("after the agent's JVM is killed with SIGKILL a new agent adopts the bot and there is still one bot process")
    void survivesKilledAgentJvm() throws Exception {
        String bot = agents.newBotId();
        var properties = agents.properties(TestAgents.FAST_RESTARTS, Map.of(), TestAgents.bot(bot));
        List<String> command = new ArrayList<>(List.of(SimBotCommand.java(), "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ProcessAgentApplication.class.getName(),
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--logging.structured.format.console=", "--supervisor.agent.agent-id=" + properties.agentId(),
                "--supervisor.agent.data-dir=" + properties.dataDir(), "--supervisor.agent.bots[0].id=" + bot));
        List<String> botCommand = properties.bots().get(0).command();
        for (int i = 0; i < botCommand.size(); i++) {
            command.add("--supervisor.agent.bots[0].command[" + i + "]=" + botCommand.get(i));
        }
        Path agentLog = Files.createDirectories(properties.dataDir()).resolve("killed-agent.log");
        Process agentJvm = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(agentLog.toFile())).start();
        try {
            Path pidFile = properties.dataDir().resolve("bots").resolve(bot + ".pid");
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(pidFile) && SimBotCommand.processesOf(bot).size() == 1);
        } finally {
            agentJvm.destroyForcibly();
            agentJvm.waitFor();
        }
        long pid = SimBotCommand.processesOf(bot).get(0).pid();

        ProcessAgent second = agents.start(properties);

        await().atMost(WAIT).until(() -> second.bot(bot).orElseThrow().view().state() == ProcessState.RUNNING);
        assertThat(second.bot(bot).orElseThrow().view().pid()).isEqualTo(pid);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> SimBotCommand.processesOf(bot).size() == 1);
    }
}
