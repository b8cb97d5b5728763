package com.quantumedge.supervisor.policy.runtime;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.policy.topology.PolicyObserver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what the policy decided: commands by type and origin, events by type and severity,
 * snapshots, escalation HALTs, dead letters; and how many bots it supervises.
 */
@Component
public class MeteredPolicyObserver implements PolicyObserver {

    private final MeterRegistry registry;
    private final KnownBots knownBots;

    public MeteredPolicyObserver(MeterRegistry registry, KnownBots knownBots) {
        this.registry = registry;
        this.knownBots = knownBots;
        Gauge.builder("policy.bots.known", knownBots, KnownBots::size)
                .description("Bots this instance supervises").register(registry);
    }

    @Override
    public void botSeen(String botId) {
        knownBots.add(botId);
    }

    @Override
    public void emitted(SpecificRecord record) {
        if (record instanceof ControlCommand c) {
            Counter.builder("policy.control.commands").description("ControlCommands sent to the process agent")
                    .tag("type", c.getCommandType().name()).tag("origin", c.getOrigin()).register(registry).increment();
        } else if (record instanceof SupervisorEvent e) {
            Counter.builder("policy.events").description("SupervisorEvents raised by the policy")
                    .tag("type", e.getEventType().name()).tag("severity", e.getSeverity().name())
                    .register(registry).increment();
        } else if (record instanceof OperatorCommand o) {
            Counter.builder("policy.escalations").description("Operator-equivalent HALTs issued by the policy")
                    .tag("issued_by", o.getIssuedBy()).register(registry).increment();
        } else {
            Counter.builder("policy.snapshots").description("Snapshots emitted").register(registry).increment();
        }
    }

    @Override
    public void deadLettered(String topic, String reason) {
        Counter.builder("policy.dead.letters").description("Undecodable input records sent to the DLQ")
                .tag("topic", topic).tag("reason", reason).register(registry).increment();
    }
}
