package com.quantumedge.supervisor.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Settings of the process agent ({@code supervisor.agent.*}); every one is documented with its
 * default in the module README.
 *
 * @param agentId            name of this agent in acknowledgements and its consumer group
 * @param dataDir            pid files, executed command ids and default log dir live here
 * @param heartbeatInterval  how often the agent reports itself and each bot's state
 * @param maxCommandAge      older control commands are rejected as expired instead of executed
 * @param rejectUnmanagedBots answer commands for bots this agent does not manage with REJECTED;
 *                           turn off when several agents share the command topic
 * @param stopBotsOnShutdown stop the bots when the agent shuts down (off: bots keep running and
 *                           the next agent adopts them)
 * @param outboxCapacity     status records kept while Kafka is unreachable; the oldest go first
 * @param restart            local autorestart policy shared by all bots
 * @param bots               the bots this agent manages
 * @param jobs               jobs RUN_JOB may run, by name
 */
@Validated
@ConfigurationProperties("supervisor.agent")
public record AgentProperties(
        @NotBlank @DefaultValue("local-agent") String agentId,
        @NotNull @DefaultValue("data/process-agent") Path dataDir,
        @NotNull @DefaultValue("5s") Duration heartbeatInterval,
        @NotNull @DefaultValue("10m") Duration maxCommandAge,
        @DefaultValue("true") boolean rejectUnmanagedBots,
        @DefaultValue("false") boolean stopBotsOnShutdown,
        @Min(10) @DefaultValue("10000") int outboxCapacity,
        @Valid @NotNull @DefaultValue RestartSettings restart,
        @Valid List<BotSpec> bots,
        @Valid Map<String, JobSpec> jobs) {

    public AgentProperties {
        bots = bots == null ? List.of() : List.copyOf(bots);
        jobs = jobs == null ? Map.of() : Map.copyOf(jobs);
    }

    /** The log directory of a bot: its own setting, else {@code <dataDir>/logs}. */
    public Path logDirOf(BotSpec bot) {
        return bot.logDir() != null ? bot.logDir() : dataDir.resolve("logs");
    }
}
