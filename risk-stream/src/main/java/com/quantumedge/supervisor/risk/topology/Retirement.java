package com.quantumedge.supervisor.risk.topology;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * RETIRE: the bot no longer exists. The processor drops its book and writes tombstones for its
 * risk state and its own risk limits, so compaction removes both and the gateway's views forget it.
 * Applying it again (redelivery after a crash) does the same again.
 */
final class Retirement {

    /** A tombstone for the retired bot's key on a compacted topic. */
    record Tombstone(TopicSpec<?> topic) {
    }

    static final Tombstone RISK_STATE = new Tombstone(Topics.RISK_STATE);
    static final Tombstone RISK_LIMITS = new Tombstone(Topics.RISK_LIMITS);

    private Retirement() {
    }

    static boolean isRetire(Object value) {
        return value instanceof OperatorCommand c && c.getCommandType() == CommandType.RETIRE;
    }

    /** The audit event; its id derives from the command's, so a re-applied RETIRE re-publishes the same event. */
    static SupervisorEvent applied(OperatorCommand c) {
        return SupervisorEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes((c.getEventId() + "|RETIRED").getBytes(StandardCharsets.UTF_8)).toString())
                .setBotId(c.getBotId())
                .setTsMs(c.getTsMs())
                .setEventType(EventType.OPERATOR_COMMAND_APPLIED)
                .setSeverity(Severity.INFO)
                .setSource(RiskProcessor.SERVICE)
                .setMessage("RETIRE applied (" + c.getIssuedBy() + ": " + c.getReason() + "): risk state and own risk limits removed")
                .setCorrelationId(c.getCommandId())
                .setAttributes(Map.of("command_id", c.getCommandId(), "command_type", c.getCommandType().name(),
                        "issued_by", c.getIssuedBy(), "reason", c.getReason(), "source", c.getSource()))
                .build();
    }
}
