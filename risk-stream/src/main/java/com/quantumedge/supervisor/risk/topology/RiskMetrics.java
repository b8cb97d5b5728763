package com.quantumedge.supervisor.risk.topology;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;

/** What the topology reports about itself; the service binds it to Micrometer, tests ignore it. */
public interface RiskMetrics {

    RiskMetrics NONE = new RiskMetrics() {
    };

    default void decision(DecisionCode code, long evaluationNanos) {
    }

    default void input(String topic) {
    }

    default void replayedInputSkipped(String topic) {
    }

    default void duplicateExecution() {
    }

    default void deadLettered(String reason) {
    }

    default void event(EventType type) {
    }
}
