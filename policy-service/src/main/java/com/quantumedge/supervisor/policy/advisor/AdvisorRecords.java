package com.quantumedge.supervisor.policy.advisor;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;

/**
 * The advisor's records: ALERT events and operator commands. A command's id derives from the
 * snapshot it answers, and each snapshot is advised at most once, so a command is never issued
 * twice under different ids.
 */
final class AdvisorRecords {

    /** {@code source} of the advisor's events. */
    static final String EVENT_SOURCE = "policy-advisor";
    /** {@code source} of the advisor's operator commands; the risk engine flags their pauses as llm_paused. */
    static final String COMMAND_SOURCE = "ADVISOR";
    static final String RULE = "advisor";

    private final String model;

    AdvisorRecords(String model) {
        this.model = model;
    }

    String issuedBy() {
        return "advisor:" + model;
    }

    OperatorCommand command(BotView view, Advice advice, TrustDecision decision, long nowMs) {
        String snapshotId = view.snapshot().getEventId();
        Map<String, String> args = new LinkedHashMap<>(decision.args());
        args.put("snapshot_id", snapshotId);
        return OperatorCommand.newBuilder()
                .setEventId(id(view.botId(), snapshotId, "command-event"))
                .setBotId(view.botId())
                .setTsMs(nowMs)
                .setCommandId(commandId(view))
                .setCommandType(decision.command())
                .setIssuedBy(issuedBy())
                .setReason("LLM advice: " + advice.reason())
                .setArgs(args)
                .setSource(COMMAND_SOURCE)
                .build();
    }

    SupervisorEvent advice(BotView view, Advice advice, TrustDecision decision, long nowMs) {
        String snapshotId = view.snapshot().getEventId();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("rule", RULE);
        attributes.put("action", advice.action().name());
        if (advice.riskMultiplier() != null) {
            attributes.put("advised_risk_multiplier", Double.toString(advice.riskMultiplier()));
        }
        if (decision.multiplier() != null) {
            attributes.put("risk_multiplier", Double.toString(decision.multiplier()));
        }
        attributes.put("reason", advice.reason());
        attributes.put("applied", Boolean.toString(decision.applies()));
        attributes.put("outcome", decision.outcome());
        attributes.put("model", model);
        attributes.put("snapshot_id", snapshotId);
        String correlationId = decision.applies() ? commandId(view) : snapshotId;
        return event(view.botId(), id(view.botId(), snapshotId, "advice-event"), nowMs,
                decision.applies() ? Severity.WARNING : Severity.INFO,
                "LLM advises " + advice.action() + " (" + decision.outcome() + "): " + advice.reason(),
                correlationId, attributes);
    }

    SupervisorEvent unavailable(String botId, FailureKind kind, long nowMs) {
        return event(botId, id(botId, Long.toString(nowMs), "unavailable"), nowMs, Severity.WARNING,
                "LLM advisor unavailable (" + kind.tag() + "): supervision goes on without advice", null,
                Map.of("rule", RULE, "kind", kind.tag(), "model", model, "state", "UNAVAILABLE"));
    }

    SupervisorEvent recovered(String botId, int failedRounds, long nowMs) {
        return event(botId, id(botId, Long.toString(nowMs), "recovered"), nowMs, Severity.INFO,
                "LLM advisor available again after " + failedRounds + " failed rounds", null,
                Map.of("rule", RULE, "failed_rounds", Integer.toString(failedRounds), "model", model, "state", "AVAILABLE"));
    }

    private static SupervisorEvent event(String botId, String eventId, long nowMs, Severity severity, String message,
            String correlationId, Map<String, String> attributes) {
        return SupervisorEvent.newBuilder()
                .setEventId(eventId)
                .setBotId(botId)
                .setTsMs(nowMs)
                .setEventType(EventType.ALERT)
                .setSeverity(severity)
                .setSource(EVENT_SOURCE)
                .setMessage(message)
                .setCorrelationId(correlationId)
                .setAttributes(attributes)
                .build();
    }

    private static String commandId(BotView view) {
        return id(view.botId(), view.snapshot().getEventId(), "command");
    }

    private static String id(String botId, String trigger, String part) {
        String name = "qe-advisor|" + botId + "|" + trigger + "|" + part;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
