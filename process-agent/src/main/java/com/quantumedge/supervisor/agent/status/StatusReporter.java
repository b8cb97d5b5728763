package com.quantumedge.supervisor.agent.status;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.Topics;

/** Turns what the agent does into records on {@code sup.agent-status.v1} and {@code sup.events.v1}. */
public final class StatusReporter {

    public static final String SERVICE = "process-agent";
    private static final Logger log = LoggerFactory.getLogger(StatusReporter.class);

    /** A bot's state at one moment, as reported with every status record. */
    public record BotView(String botId, ProcessState state, Long pid, int restartCount, String mode) {
    }

    private final String agentId;
    private final StatusOutbox outbox;

    public StatusReporter(String agentId, StatusOutbox outbox) {
        this.agentId = agentId;
        this.outbox = outbox;
    }

    public String agentId() {
        return agentId;
    }

    public void ack(ControlCommand command, AckStatus ack, String message, BotView view) {
        log.info("command {} {} for bot {}: {} {}", command.getCommandId(), command.getCommandType(),
                command.getBotId(), ack, message);
        AgentStatus.Builder status = base(command.getBotId(), AgentStatusKind.COMMAND_ACK, view)
                .setCommandId(command.getCommandId())
                .setCorrelationId(command.getCorrelationId() != null ? command.getCorrelationId() : command.getEventId())
                .setAck(ack)
                .setMessage(message);
        publish(status.build());
    }

    public void processState(BotView view, Integer exitCode, String signal, String message) {
        log.info("bot {} {} pid={} exit={} signal={}: {}", view.botId(), view.state(), view.pid(), exitCode, signal,
                message);
        publish(base(view.botId(), AgentStatusKind.PROCESS_STATE, view)
                .setExitCode(exitCode)
                .setSignal(signal)
                .setMessage(message)
                .build());
    }

    public void heartbeat(BotView view) {
        publish(base(view.botId(), AgentStatusKind.AGENT_HEARTBEAT, view).setMessage("agent alive").build());
    }

    public void event(String botId, EventType type, Severity severity, String message, Map<String, String> attributes) {
        if (severity == Severity.INFO) {
            log.info("event {} for bot {}: {}", type, botId, message);
        } else {
            log.warn("event {} for bot {}: {}", type, botId, message);
        }
        SupervisorEvent event = SupervisorEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(botId)
                .setTsMs(System.currentTimeMillis())
                .setEventType(type)
                .setSeverity(severity)
                .setSource(SERVICE + ":" + agentId)
                .setMessage(message)
                .setAttributes(Map.copyOf(attributes))
                .build();
        outbox.offer(new ProducerRecord<>(Topics.EVENTS.name(), key(botId),
                Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event)));
    }

    private AgentStatus.Builder base(String botId, AgentStatusKind kind, BotView view) {
        AgentStatus.Builder b = AgentStatus.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(botId)
                .setTsMs(System.currentTimeMillis())
                .setAgentId(agentId)
                .setKind(kind);
        if (view != null) {
            b.setProcessState(view.state()).setPid(view.pid()).setRestartCount(view.restartCount()).setMode(view.mode());
        }
        return b;
    }

    private void publish(AgentStatus status) {
        outbox.offer(new ProducerRecord<>(Topics.AGENT_STATUS.name(), key(status.getBotId()),
                Topics.AGENT_STATUS.valueSerde().serializer().serialize(Topics.AGENT_STATUS.name(), status)));
    }

    private static byte[] key(String botId) {
        return botId.getBytes(StandardCharsets.UTF_8);
    }
}
