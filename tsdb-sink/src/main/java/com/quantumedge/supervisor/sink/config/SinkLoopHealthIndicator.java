package com.quantumedge.supervisor.sink.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * In readiness: DOWN while a sink loop that died of an unexpected error waits for its successor. A
 * ClickHouse outage, at start or later, leaves it UP: migrations and writes are retried, lag grows,
 * nothing is lost. UP with the sink disabled, which then has nothing to be ready for.
 */
@Component("sinkLoop")
public class SinkLoopHealthIndicator implements HealthIndicator {

    private final ObjectProvider<SinkService> sink;

    public SinkLoopHealthIndicator(ObjectProvider<SinkService> sink) {
        this.sink = sink;
    }

    @Override
    public Health health() {
        SinkService service = sink.getIfAvailable();
        if (service == null) {
            return Health.up().withDetail("enabled", false).build();
        }
        boolean alive = service.loopAlive();
        return (alive ? Health.up() : Health.down()).withDetail("loopAlive", alive).build();
    }
}
