package com.quantumedge.supervisor.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One bot the agent manages. {@code command} is the program and its arguments; the placeholders
 * {@code {mode}}, {@code {bot_id}} and {@code {agent_id}} are replaced at each start, so SET_MODE
 * restarts the bot with the new mode (the original ran {@code run_bot.py <mode>}).
 *
 * @param id          bot id, the key of its records
 * @param command     executable and arguments
 * @param workingDir  working directory (default: the agent's)
 * @param env         extra environment variables
 * @param logDir      directory of {@code <id>.log} (default: {@code <dataDir>/logs})
 * @param mode        mode of the first start
 * @param allowedModes modes SET_MODE accepts (empty: any mode matching {@code [A-Za-z0-9_.-]{1,64}})
 * @param autostart   start (or adopt) the bot when the agent starts
 * @param autorestart restart it after an unexpected exit
 * @param stopGrace   time between SIGTERM and killing the process tree
 * @param logMaxSize  size at which the log file is rotated
 * @param logFiles    rotated files kept ({@code <id>.log.1} .. {@code <id>.log.N})
 */
public record BotSpec(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,128}") String id,
        @NotEmpty List<@NotBlank String> command,
        Path workingDir,
        Map<String, String> env,
        Path logDir,
        @NotBlank @DefaultValue("paper") String mode,
        List<String> allowedModes,
        @DefaultValue("true") boolean autostart,
        @DefaultValue("true") boolean autorestart,
        @NotNull @DefaultValue("5s") Duration stopGrace,
        @NotNull @DefaultValue("10MB") DataSize logMaxSize,
        @Min(1) @DefaultValue("5") int logFiles) {

    public BotSpec {
        env = env == null ? Map.of() : Map.copyOf(env);
        allowedModes = allowedModes == null ? List.of() : List.copyOf(allowedModes);
        command = command == null ? List.of() : List.copyOf(command);
    }

    /** The command line for a start in {@code runMode}. */
    public List<String> commandLine(String runMode, String agentId) {
        return command.stream()
                .map(arg -> arg.replace("{mode}", runMode).replace("{bot_id}", id).replace("{agent_id}", agentId))
                .toList();
    }
}
