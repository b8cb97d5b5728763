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
 * The advisor's records: ALERT events, operator commands, and the answers to operators' LLM_CHECKs.
 * A command's id derives from what triggered the advice (the snapshot of a scheduled round, or the
 * LLM_CHECK), each advised at most once, so a command is never issued twice under different ids.
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

    /**
     * The command an applied advice issues. Its ids derive from what triggered the advice: the snapshot
     * of a scheduled round (each advised once) or the operator's LLM_CHECK (each answered once).
     */
    OperatorCommand command(BotView view, Advice advice, TrustDecision decision, long nowMs, CheckRequest request) {
        String snapshotId = view.snapshot().getEventId();
        String trigger = trigger(view, request);
        Map<String, String> args = new LinkedHashMap<>(decision.args());
        args.put("snapshot_id", snapshotId);
        if (request != null) {
            args.put("check_command_id", request.commandId());
        }
        return OperatorCommand.newBuilder()
                .setEventId(id(view.botId(), trigger, "command-event"))
                .setBotId(view.botId())
                .setTsMs(nowMs)
                .setCommandId(commandId(view, request))
                .setCommandType(decision.command())
                .setIssuedBy(issuedBy())
                .setReason("LLM advice: " + advice.reason())
                .setArgs(args)
                .setSource(COMMAND_SOURCE)
                .build();
    }

    /**
     * The advice as an ALERT. A scheduled round's correlates with the command it issued, or its snapshot;
     * an on-demand check's with the operator's LLM_CHECK, which it answers.
     */
    SupervisorEvent advice(BotView view, Advice advice, TrustDecision decision, long nowMs, CheckRequest request) {
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
        if (decision.applies()) {
            attributes.put("command_id", commandId(view, request));
        }
        if (request != null) {
            attributes.put("requested_by", request.issuedBy());
        }
        String correlationId = request != null ? request.commandId() : decision.applies() ? commandId(view, null) : snapshotId;
        return event(view.botId(), id(view.botId(), trigger(view, request), "advice-event"), nowMs,
                decision.applies() ? Severity.WARNING : Severity.INFO,
                "LLM advises " + advice.action() + " (" + decision.outcome() + "): " + advice.reason(),
                correlationId, attributes);
    }

    /** An LLM_CHECK the advisor cannot take up, with why; answers it like the policy answers an invalid command. */
    SupervisorEvent checkRefused(CheckRequest request, String why, long nowMs) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("rule", RULE);
        attributes.put("field", "bot_id");
        attributes.put("command_type", "LLM_CHECK");
        attributes.put("issued_by", String.valueOf(request.issuedBy()));
        attributes.put("command_id", request.commandId());
        return SupervisorEvent.newBuilder(event(request.botId(), id(request.botId(), request.commandId(), "check-refused"), nowMs,
                Severity.WARNING, "operator command rejected: " + why, request.commandId(), attributes))
                .setEventType(EventType.OPERATOR_COMMAND_REJECTED)
                .build();
    }

    /** An LLM_CHECK whose call failed (after retries, or with the breaker open): no advice this time. */
    SupervisorEvent checkFailed(CheckRequest request, FailureKind kind, long nowMs) {
        return event(request.botId(), id(request.botId(), request.commandId(), "check-failed"), nowMs, Severity.WARNING,
                "LLM check failed (" + kind.tag() + "): no advice; supervision goes on without it", request.commandId(),
                Map.of("rule", RULE, "kind", kind.tag(), "model", model, "state", "UNAVAILABLE",
                        "requested_by", String.valueOf(request.issuedBy())));
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

    private static String commandId(BotView view, CheckRequest request) {
        return id(view.botId(), trigger(view, request), "command");
    }

    private static String trigger(BotView view, CheckRequest request) {
        return request != null ? request.commandId() : view.snapshot().getEventId();
    }

    private static String id(String botId, String trigger, String part) {
        String name = "qe-advisor|" + botId + "|" + trigger + "|" + part;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
