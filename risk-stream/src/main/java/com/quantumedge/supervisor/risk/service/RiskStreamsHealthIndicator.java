package com.quantumedge.supervisor.risk.service;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready while the risk streams run or rebalance; down once they failed or stopped. */
@Component("riskStreams")
public class RiskStreamsHealthIndicator implements HealthIndicator {

    private final RiskStreamsRunner runner;

    public RiskStreamsHealthIndicator(RiskStreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = runner.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
