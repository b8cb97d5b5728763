package com.quantumedge.supervisor.policy.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;

/** The records one input produced, in the order they were decided. */
public final class Emissions {

    static final String SOURCE = "policy-service";

    private final List<SpecificRecord> records = new ArrayList<>();

    public List<SpecificRecord> records() {
        return List.copyOf(records);
    }

    void add(SpecificRecord record) {
        records.add(record);
    }

    void event(BotSupervision bot, String rule, long tsMs, EventType type, Severity severity, String message,
            String correlationId, Map<String, String> attributes) {
        Map<String, String> attrs = new LinkedHashMap<>(attributes);
        attrs.put("rule", rule);
        records.add(SupervisorEvent.newBuilder()
                .setEventId(DeterministicIds.of(bot.botId, rule, tsMs,
                        "event:" + type + (correlationId == null ? "" : ":" + correlationId)))
                .setBotId(bot.botId)
                .setTsMs(tsMs)
                .setEventType(type)
                .setSeverity(severity)
                .setSource(SOURCE)
                .setMessage(message)
                .setCorrelationId(correlationId)
                .setAttributes(attrs)
                .build());
    }

    /** A RESTART (or other process command) decided by a rule. */
    ControlCommand ruleCommand(BotSupervision bot, String rule, long tsMs, CommandType type, String reason) {
        ControlCommand command = ControlCommand.newBuilder()
                .setEventId(DeterministicIds.of(bot.botId, rule, tsMs, "control-event"))
                .setBotId(bot.botId)
                .setTsMs(tsMs)
                .setCommandId(DeterministicIds.of(bot.botId, rule, tsMs, "control-command"))
                .setCommandType(type)
                .setIssuedBy("policy:" + rule)
                .setReason(reason)
                .setArgs(Map.of())
                .setCorrelationId(null)
                .setOrigin(rule)
                .build();
        records.add(command);
        return command;
    }

    /** The operator-equivalent HALT the risk engine applies; the policy cannot halt trading itself. */
    OperatorCommand halt(BotSupervision bot, String rule, long tsMs, String reason) {
        OperatorCommand halt = OperatorCommand.newBuilder()
                .setEventId(DeterministicIds.of(bot.botId, rule, tsMs, "halt-event"))
                .setBotId(bot.botId)
                .setTsMs(tsMs)
                .setCommandId(DeterministicIds.of(bot.botId, rule, tsMs, "halt-command"))
                .setCommandType(CommandType.HALT)
                .setIssuedBy("policy:" + rule)
                .setReason(reason)
                .setArgs(Map.of())
                .setSource("POLICY")
                .build();
        records.add(halt);
        return halt;
    }
}
