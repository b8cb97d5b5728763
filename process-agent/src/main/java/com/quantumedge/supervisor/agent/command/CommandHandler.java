package com.quantumedge.supervisor.agent.command;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.quantumedge.supervisor.agent.config.JobSpec;
import com.quantumedge.supervisor.agent.process.BotSupervisor;
import com.quantumedge.supervisor.agent.process.Outcome;
import com.quantumedge.supervisor.agent.status.StatusReporter;
import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Takes a control command from validation to acknowledgement: unmanaged bot, expired, duplicate or
 * invalid commands are answered without executing anything; a valid one is recorded, acknowledged
 * ACCEPTED, executed on its bot's thread, recorded again and acknowledged DONE or FAILED.
 */
public final class CommandHandler {

    private static final Pattern MODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Map<String, BotSupervisor> bots;
    private final Map<String, JobSpec> jobs;
    private final ExecutedCommands executed;
    private final JobRunner jobRunner;
    private final StatusReporter reporter;
    private final boolean rejectUnmanagedBots;
    private final Duration maxCommandAge;
    private final MeterRegistry registry;
    private final Counter duplicates;

    public CommandHandler(Map<String, BotSupervisor> bots, Map<String, JobSpec> jobs, ExecutedCommands executed,
            JobRunner jobRunner, StatusReporter reporter, boolean rejectUnmanagedBots, Duration maxCommandAge,
            MeterRegistry registry) {
        this.bots = bots;
        this.jobs = jobs;
        this.executed = executed;
        this.jobRunner = jobRunner;
        this.reporter = reporter;
        this.rejectUnmanagedBots = rejectUnmanagedBots;
        this.maxCommandAge = maxCommandAge;
        this.registry = registry;
        this.duplicates = Counter.builder("agent.commands.duplicates")
                .description("command ids received again and acknowledged without executing").register(registry);
    }

    /** True when this agent answers commands for {@code botId}. */
    public boolean answersFor(String botId) {
        return rejectUnmanagedBots || bots.containsKey(botId);
    }

    /** Handles one command; returns when it is acknowledged ACCEPTED or answered, not when it is done. */
    public CompletableFuture<Outcome> handle(ControlCommand command) {
        BotSupervisor bot = bots.get(command.getBotId());
        long age = System.currentTimeMillis() - command.getTsMs();
        if (bot == null) {
            // A new agent reads the topic from the beginning: old commands for other bots are history, not requests.
            if (!rejectUnmanagedBots || age > maxCommandAge.toMillis()) {
                return CompletableFuture.completedFuture(Outcome.failed("not ours"));
            }
            return answer(command, null, AckStatus.REJECTED, "bot " + command.getBotId() + " is not managed by agent "
                    + reporter.agentId(), false);
        }
        if (command.getCommandId() == null || command.getCommandId().isBlank()) {
            return answer(command, bot, AckStatus.REJECTED, "command_id is blank", false);
        }
        Optional<ExecutedCommands.Entry> previous = executed.get(command.getCommandId());
        if (previous.isPresent()) {
            duplicates.increment();
            ExecutedCommands.Entry e = previous.get();
            return answer(command, bot, e.status(), "duplicate command id, not executed again; earlier outcome: "
                    + e.status() + (e.message().isBlank() ? "" : " (" + e.message() + ")"), false);
        }
        if (age > maxCommandAge.toMillis()) {
            return answer(command, bot, AckStatus.REJECTED, "expired: issued " + age / 1000 + " s ago, limit "
                    + maxCommandAge.toSeconds() + " s", true);
        }
        Optional<String> invalid = validate(command, bot);
        if (invalid.isPresent()) {
            return answer(command, bot, AckStatus.REJECTED, invalid.get(), true);
        }
        executed.record(command.getCommandId(), AckStatus.ACCEPTED, "accepted, executing");
        reporter.ack(command, AckStatus.ACCEPTED, "accepted by agent " + reporter.agentId(), bot.view());
        count(command, AckStatus.ACCEPTED);
        return execute(command, bot).thenApply(outcome -> {
            executed.record(command.getCommandId(), outcome.status(), outcome.message());
            reporter.ack(command, outcome.status(), outcome.message(), bot.view());
            count(command, outcome.status());
            return outcome;
        });
    }

    private Optional<String> validate(ControlCommand command, BotSupervisor bot) {
        CommandType type = command.getCommandType();
        Map<String, String> args = command.getArgs();
        return switch (type) {
            case START, STOP, RESTART -> Optional.empty();
            case SET_MODE -> {
                String mode = args.get("mode");
                if (mode == null || mode.isBlank()) {
                    yield Optional.of("args.mode is required for SET_MODE");
                }
                if (!MODE.matcher(mode).matches()) {
                    yield Optional.of("args.mode '" + mode + "' is not a valid mode (letters, digits, _ . -, at most 64)");
                }
                if (!bot.spec().allowedModes().isEmpty() && !bot.spec().allowedModes().contains(mode)) {
                    yield Optional.of("args.mode '" + mode + "' is not one of " + bot.spec().allowedModes());
                }
                yield Optional.empty();
            }
            case RUN_JOB -> {
                String job = args.get("job");
                if (job == null || job.isBlank()) {
                    yield Optional.of("args.job is required for RUN_JOB");
                }
                yield jobs.containsKey(job) ? Optional.empty()
                        : Optional.of("args.job '" + job + "' is not a configured job; configured: " + jobs.keySet());
            }
            case UNKNOWN -> Optional.of("unknown command type");
            default -> Optional.of("command type " + type + " is a trading command, not a process command");
        };
    }

    private CompletableFuture<Outcome> execute(ControlCommand command, BotSupervisor bot) {
        return switch (command.getCommandType()) {
            case START -> bot.start();
            case STOP -> bot.stop();
            case RESTART -> bot.restart();
            case SET_MODE -> bot.setMode(command.getArgs().get("mode"));
            case RUN_JOB -> {
                String job = command.getArgs().get("job");
                yield jobRunner.run(job, jobs.get(job), bot.botId(), bot.view().mode());
            }
            default -> CompletableFuture.completedFuture(Outcome.failed("not executable: " + command.getCommandType()));
        };
    }

    private CompletableFuture<Outcome> answer(ControlCommand command, BotSupervisor bot, AckStatus status,
            String message, boolean remember) {
        if (remember) {
            executed.record(command.getCommandId(), status, message);
        }
        reporter.ack(command, status, message, bot == null ? null : bot.view());
        count(command, status);
        return CompletableFuture.completedFuture(new Outcome(status, message));
    }

    private void count(ControlCommand command, AckStatus status) {
        registry.counter("agent.commands", "type", command.getCommandType().name(), "ack", status.name()).increment();
    }
}
