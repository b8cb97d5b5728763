package com.quantumedge.supervisor.runtime.health;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * Every service on service-runtime exports its readiness members as gauges ({@link ReadinessGauges})
 * without wiring it itself: the alert rules of {@code deploy/prometheus} rely on all of them. Registered
 * once every singleton exists, so the health registry, the groups and the meter registry are complete
 * whatever order the auto-configurations ran in.
 */
@AutoConfiguration
public class ReadinessGaugesAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReadinessGaugesAutoConfiguration.class);
    static final String READINESS_GROUP = "readiness";

    @Bean
    SmartInitializingSingleton readinessGauges(ObjectProvider<HealthContributorRegistry> contributors,
            ObjectProvider<HealthEndpointGroups> groups, ObjectProvider<MeterRegistry> meters) {
        return () -> {
            HealthContributorRegistry registry = contributors.getIfAvailable();
            HealthEndpointGroups allGroups = groups.getIfAvailable();
            MeterRegistry meterRegistry = meters.getIfUnique();
            HealthEndpointGroup readiness = allGroups == null ? null : allGroups.get(READINESS_GROUP);
            if (registry == null || readiness == null || meterRegistry == null) {
                return;
            }
            log.info("Readiness gauges ({}): {}", ReadinessGauges.METRIC, ReadinessGauges.register(registry, readiness, meterRegistry));
        };
    }
}
