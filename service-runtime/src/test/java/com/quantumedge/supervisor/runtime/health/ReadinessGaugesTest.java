package com.quantumedge.supervisor.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class ReadinessGaugesTest {

    @Test
    @DisplayName("each readiness member gets a gauge that follows its status, 1 while UP and 0 while DOWN; other indicators none")
    void gaugePerReadinessMember() {
        AtomicBoolean consumerRunning = new AtomicBoolean(true);
        HealthIndicator decisions = () -> consumerRunning.get() ? Health.up().build() : Health.down().build();
        HealthIndicator disk = () -> Health.down().build();
        DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
        registry.registerContributor("decisions", decisions);
        registry.registerContributor("diskSpace", disk);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        assertThat(ReadinessGauges.register(registry, group(Set.of("decisions", "readinessState")), meters)).containsExactly("decisions");

        assertThat(meters.get(ReadinessGauges.METRIC).tag("component", "decisions").gauge().value()).isEqualTo(1.0);
        consumerRunning.set(false);
        assertThat(meters.get(ReadinessGauges.METRIC).tag("component", "decisions").gauge().value()).isEqualTo(0.0);
        assertThat(meters.find(ReadinessGauges.METRIC).tag("component", "diskSpace").gauge()).isNull();
    }

    private static HealthEndpointGroup group(Set<String> members) {
        return new HealthEndpointGroup() {
            @Override
            public boolean isMember(String name) {
                return members.contains(name);
            }

            @Override
            public boolean showComponents(SecurityContext securityContext) {
                return false;
            }

            @Override
            public boolean showDetails(SecurityContext securityContext) {
                return false;
            }

            @Override
            public StatusAggregator getStatusAggregator() {
                return null;
            }

            @Override
            public HttpCodeStatusMapper getHttpCodeStatusMapper() {
                return null;
            }

            @Override
            public AdditionalHealthEndpointPath getAdditionalPath() {
                return null;
            }
        };
    }
}
