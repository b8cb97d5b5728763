package com.quantumedge.supervisor.runtime.health;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Readiness as a metric, so Prometheus can page on it: one gauge
 * {@code supervisor_component_ready{component}} per member of the service's readiness health group
 * (its listeners, Streams app, broker check, sink loop...), 1 while that member is UP, else 0. The
 * probe answers a load balancer; the gauges say which part is down, and since when.
 */
public final class ReadinessGauges {

    public static final String METRIC = "supervisor.component.ready";

    private ReadinessGauges() {
    }

    /** Registers a gauge for each health indicator of {@code readiness}; returns the components, in registry order. */
    public static List<String> register(HealthContributors contributors, HealthEndpointGroup readiness, MeterRegistry meters) {
        return contributors.stream()
                .filter(entry -> readiness.isMember(entry.name()) && entry.contributor() instanceof HealthIndicator)
                .map(entry -> {
                    Gauge.builder(METRIC, (HealthIndicator) entry.contributor(), ReadinessGauges::upAsOne)
                            .description("1 while this member of the readiness group is UP, else 0")
                            .tag("component", entry.name())
                            .register(meters);
                    return entry.name();
                })
                .toList();
    }

    private static double upAsOne(HealthIndicator indicator) {
        try {
            return Status.UP.equals(indicator.health(false).getStatus()) ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
