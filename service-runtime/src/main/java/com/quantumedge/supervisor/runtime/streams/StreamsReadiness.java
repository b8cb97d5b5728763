package com.quantumedge.supervisor.runtime.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP only while the client is RUNNING: while it starts, rebalances (a replaced thread rejoins),
 * restarts or after it failed, its answers would not come, so readiness waits.
 */
public class StreamsReadiness implements HealthIndicator {

    private final SupervisedStreams streams;

    public StreamsReadiness(SupervisedStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).withDetails(streams.counts()).build();
    }
}
