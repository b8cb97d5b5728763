package com.quantumedge.supervisor.risk.service;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.risk.topology.RiskMetrics;

/** Risk engine meters: decisions by code, engine time per decision, inputs, replays skipped, duplicates, DLQ, events. */
@Component
public final class MicrometerRiskMetrics implements RiskMetrics {

    private final MeterRegistry registry;
    private final Map<DecisionCode, Counter> decisions = new EnumMap<>(DecisionCode.class);
    private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
    private final Map<String, Counter> inputs = new ConcurrentHashMap<>();
    private final Map<String, Counter> skipped = new ConcurrentHashMap<>();
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Timer evaluation;
    private final Counter duplicates;

    public MicrometerRiskMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DecisionCode code : DecisionCode.values()) {
            decisions.put(code, Counter.builder("risk.decisions").description("Order decisions by code")
                    .tag("code", code.name()).tag("allowed", Boolean.toString(code == DecisionCode.OK)).register(registry));
        }
        for (EventType type : EventType.values()) {
            events.put(type, Counter.builder("risk.events").description("Supervisor events raised by the risk engine")
                    .tag("type", type.name()).register(registry));
        }
        evaluation = Timer.builder("risk.order.check").description("Time to check one order and update the bot's book")
                .publishPercentiles(0.5, 0.99).register(registry);
        duplicates = Counter.builder("risk.executions.duplicate")
                .description("Executions dropped because their exec_id was already applied").register(registry);
    }

    @Override
    public void decision(DecisionCode code, long evaluationNanos) {
        decisions.get(code).increment();
        evaluation.record(evaluationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void input(String topic) {
        inputs.computeIfAbsent(topic, t -> Counter.builder("risk.inputs").description("Input records read")
                .tag("topic", t).register(registry)).increment();
    }

    @Override
    public void replayedInputSkipped(String topic) {
        skipped.computeIfAbsent(topic, t -> Counter.builder("risk.inputs.already.applied")
                .description("Redelivered inputs skipped because the bot's state had applied them").tag("topic", t)
                .register(registry)).increment();
    }

    @Override
    public void duplicateExecution() {
        duplicates.increment();
    }

    @Override
    public void deadLettered(String reason) {
        deadLetters.computeIfAbsent(reason, r -> Counter.builder("risk.dead.letters")
                .description("Input records sent to the DLQ").tag("reason", r).register(registry)).increment();
    }

    @Override
    public void event(EventType type) {
        events.get(type).increment();
    }
}
