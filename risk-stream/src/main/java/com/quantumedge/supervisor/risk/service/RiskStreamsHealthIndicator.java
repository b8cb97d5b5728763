package com.quantumedge.supervisor.risk.service;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Ready only while the risk streams are RUNNING: while they start, rebalance or after they failed,
 * an order check would not be decided, so readiness (and {@code ./supervisor up}'s READY) waits.
 */
@Component("riskStreams")
public class RiskStreamsHealthIndicator implements HealthIndicator {

    private final RiskStreamsRunner runner;

    public RiskStreamsHealthIndicator(RiskStreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = runner.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
