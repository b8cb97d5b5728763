package com.quantumedge.supervisor.policy.engine;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.policy.config.PolicyConfig;

/**
 * Operator commands of process type (START, STOP, RESTART, SET_MODE with args.mode, RUN_JOB with
 * args.job) are validated and passed to the agent as ControlCommands that keep the operator's
 * command id, name and reason; invalid ones become OPERATOR_COMMAND_REJECTED events naming the
 * field. Trading commands belong to the risk engine; of those only RESUME matters here, because it
 * ends an escalation. LLM_CHECK belongs to the LLM advisor; it is rejected here when there is none to
 * answer it. The policy's own HALTs come back on the same topic and are ignored.
 */
final class OperatorCommandRule {

    static final String RULE = "operator-command";
    private static final Set<CommandType> PROCESS_COMMANDS = EnumSet.of(
            CommandType.START, CommandType.STOP, CommandType.RESTART, CommandType.SET_MODE, CommandType.RUN_JOB);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");

    private final PolicyConfig.Operator config;
    private final boolean llmChecksAnswered;

    /** @param llmChecksAnswered whether this service's LLM advisor answers LLM_CHECK (enabled, mode advise or apply) */
    OperatorCommandRule(PolicyConfig.Operator config, boolean llmChecksAnswered) {
        this.config = config;
        this.llmChecksAnswered = llmChecksAnswered;
    }

    void onOperatorCommand(BotSupervision bot, OperatorCommand command, Emissions out) {
        CommandType type = command.getCommandType();
        if ("POLICY".equals(command.getSource())) {
            return;
        }
        if (type == CommandType.RESUME) {
            clearEscalation(bot);
            return;
        }
        if (type == CommandType.LLM_CHECK) {
            if (!llmChecksAnswered) {
                reject(bot, command, "command_type", "llm-check is not answered here: the LLM advisor is disabled or in mode off "
                        + "(supervisor.policy.advisor.enabled, .mode)", out);
            }
            return; // the advisor answers it
        }
        if (!PROCESS_COMMANDS.contains(type)) {
            if (type == CommandType.UNKNOWN) {
                reject(bot, command, "command_type", "unknown command type", out);
            }
            return; // a trading command: the risk engine applies it
        }
        Optional<String[]> invalid = validate(command);
        if (invalid.isPresent()) {
            reject(bot, command, invalid.get()[0], invalid.get()[1], out);
            return;
        }
        out.add(toControlCommand(command));
        applyToState(bot, command);
    }

    private Optional<String[]> validate(OperatorCommand command) {
        if (isBlank(command.getCommandId())) {
            return Optional.of(new String[] {"command_id", "command_id is required"});
        }
        if (isBlank(command.getIssuedBy())) {
            return Optional.of(new String[] {"issued_by", "issued_by is required (who)"});
        }
        if (isBlank(command.getReason())) {
            return Optional.of(new String[] {"reason", "reason is required (why)"});
        }
        if (command.getCommandType() == CommandType.SET_MODE) {
            return checkName(command.getArgs().get("mode"), "args.mode", config.allowedModes());
        }
        if (command.getCommandType() == CommandType.RUN_JOB) {
            return checkName(command.getArgs().get("job"), "args.job", config.allowedJobs());
        }
        return Optional.empty();
    }

    private static Optional<String[]> checkName(String value, String field, java.util.List<String> allowed) {
        if (isBlank(value)) {
            return Optional.of(new String[] {field, field + " is required"});
        }
        if (!NAME.matcher(value).matches()) {
            return Optional.of(new String[] {field, field + " '" + value + "' is not a valid name"});
        }
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            return Optional.of(new String[] {field, field + " '" + value + "' is not one of " + allowed});
        }
        return Optional.empty();
    }

    private static ControlCommand toControlCommand(OperatorCommand command) {
        return ControlCommand.newBuilder()
                .setEventId(DeterministicIds.of(command.getBotId(), RULE, command.getTsMs(), command.getCommandId()))
                .setBotId(command.getBotId())
                .setTsMs(command.getTsMs())
                .setCommandId(command.getCommandId())
                .setCommandType(command.getCommandType())
                .setIssuedBy(command.getIssuedBy())
                .setReason(command.getReason())
                .setArgs(new LinkedHashMap<>(command.getArgs()))
                .setCorrelationId(command.getCommandId())
                .setOrigin("OPERATOR")
                .build();
    }

    private static void applyToState(BotSupervision bot, OperatorCommand command) {
        switch (command.getCommandType()) {
            case STOP -> bot.operatorStopped = true;
            case START, RESTART, SET_MODE -> {
                bot.operatorStopped = false;
                clearEscalation(bot);
                // The bot is (re)starting: give it the same grace as after a policy restart.
                long now = bot.hasClock() ? Math.max(bot.clockMs, command.getTsMs()) : command.getTsMs();
                bot.lastRestartMs = now;
                if (command.getCommandType() == CommandType.SET_MODE) {
                    bot.mode = command.getArgs().get("mode");
                }
            }
            default -> {
                // RUN_JOB runs beside the bot and changes nothing the rules look at.
            }
        }
    }

    private static void clearEscalation(BotSupervision bot) {
        bot.escalated = false;
        bot.crashLoopAlerted = false;
        bot.policyRestartsMs.clear();
        bot.agentRestartsMs.clear();
        bot.openAlerts.remove(HeartbeatRestartRule.ALERT);
        bot.openAlerts.remove(CrashLoopRule.ALERT);
    }

    private static void reject(BotSupervision bot, OperatorCommand command, String field, String why, Emissions out) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("field", field);
        attributes.put("command_type", command.getCommandType().name());
        attributes.put("issued_by", String.valueOf(command.getIssuedBy()));
        attributes.put("command_id", String.valueOf(command.getCommandId()));
        out.event(bot, RULE, command.getTsMs(), EventType.OPERATOR_COMMAND_REJECTED, Severity.WARNING,
                "operator command rejected: " + why, command.getCommandId(), attributes);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
