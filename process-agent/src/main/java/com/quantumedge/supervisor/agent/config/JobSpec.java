package com.quantumedge.supervisor.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * A job RUN_JOB may run, such as the original's meta-agent. Placeholders as in {@link BotSpec}.
 *
 * @param command    executable and arguments
 * @param workingDir working directory (default: the agent's)
 * @param env        extra environment variables
 * @param timeout    the job's process tree is killed and the command FAILED after this long
 */
public record JobSpec(
        @NotEmpty List<String> command,
        Path workingDir,
        Map<String, String> env,
        @NotNull @DefaultValue("10m") Duration timeout) {

    public JobSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
        command = command == null ? List.of() : List.copyOf(command);
    }
}
