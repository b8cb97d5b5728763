package com.quantumedge.supervisor.policy.runtime;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready only while the policy streams are RUNNING; down while they start, rebalance, or after they failed or stopped. */
@Component("policyStreams")
public class PolicyStreamsHealthIndicator implements HealthIndicator {

    private final PolicyStreamsRunner runner;

    public PolicyStreamsHealthIndicator(PolicyStreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = runner.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING
                ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
