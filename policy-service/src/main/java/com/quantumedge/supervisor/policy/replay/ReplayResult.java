package com.quantumedge.supervisor.policy.replay;

import java.util.List;

import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;

/** Everything a replay emitted, per output topic, in emission order. */
public record ReplayResult(
        List<ControlCommand> commands,
        List<SupervisorEvent> events,
        List<Snapshot> snapshots,
        List<OperatorCommand> escalations,
        int deadLetters) {
}
