package com.quantumedge.supervisor.agent.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

import com.quantumedge.supervisor.agent.ProcessAgent;
import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.agent.config.BotSpec;
import com.quantumedge.supervisor.agent.config.JobSpec;
import com.quantumedge.supervisor.agent.config.RestartSettings;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Agents and bots for one test: unique bot ids and data dirs under target/, every agent closed and
 * every bot process killed afterwards.
 */
public final class TestAgents implements AutoCloseable {

    public static final RestartSettings FAST_RESTARTS = new RestartSettings(Duration.ofMillis(100), 2.0,
            Duration.ofSeconds(5), 5, Duration.ofSeconds(60), Duration.ofSeconds(30));

    private final List<ProcessAgent> agents = new ArrayList<>();
    private final List<String> botIds = new ArrayList<>();
    public final Path dataDir = Path.of("target", "agent-tests", SharedKafkaBroker.uniqueName("agent")).toAbsolutePath();

    public String newBotId() {
        String id = SharedKafkaBroker.uniqueName("bot");
        botIds.add(id);
        return id;
    }

    public static BotSpec bot(String id, String mode, Duration stopGrace, List<String> command) {
        return new BotSpec(id, command, null, Map.of("QE_TEST", "1"), null, mode, List.of(), true, true, stopGrace,
                DataSize.ofMegabytes(1), 2);
    }

    public static BotSpec bot(String id, String... simBotArgs) {
        return bot(id, "paper", Duration.ofSeconds(5), SimBotCommand.of(simBotArgs));
    }

    public AgentProperties properties(RestartSettings restart, Map<String, JobSpec> jobs, BotSpec... bots) {
        return new AgentProperties("test-" + dataDir.getFileName(), dataDir, Duration.ofSeconds(1),
                Duration.ofMinutes(10), false, false, 1000, restart, List.of(bots), jobs);
    }

    public ProcessAgent start(AgentProperties properties) {
        return start(properties, SharedKafkaBroker.bootstrapServers());
    }

    public ProcessAgent start(AgentProperties properties, String bootstrap) {
        ProcessAgent agent = new ProcessAgent(properties, bootstrap, new SimpleMeterRegistry());
        agents.add(agent);
        return agent.start();
    }

    public ProcessAgent start(RestartSettings restart, BotSpec... bots) {
        return start(properties(restart, Map.of(), bots));
    }

    @Override
    public void close() {
        agents.forEach(ProcessAgent::close);
        botIds.forEach(SimBotCommand::killAll);
    }
}
