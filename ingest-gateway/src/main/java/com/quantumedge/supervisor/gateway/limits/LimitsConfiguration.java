package com.quantumedge.supervisor.gateway.limits;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;

/** The gateway's view of {@code sup.risk-limits.v1} and its readiness contributor. */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    @Bean(destroyMethod = "close")
    RiskLimitsView riskLimitsView(KafkaClientSettings kafka, MeterRegistry meters) {
        RiskLimitsView view = new RiskLimitsView(kafka, meters);
        view.start();
        return view;
    }

    @Bean
    LimitsWriter limitsWriter(RiskLimitsView view, RecordPublisher publisher, GatewayProperties properties) {
        GatewayProperties.Producer producer = properties.producer();
        return new LimitsWriter(view, publisher, producer.maxBlock().plus(producer.deliveryTimeout()).plusSeconds(1));
    }

    /**
     * Readiness contributor {@code limits}: the view has read the limits topic to the end it found at
     * start, so the limits it shows, and the versions a change is checked against, are the ones in force.
     */
    @Bean
    HealthIndicator limits(RiskLimitsView view) {
        return () -> view.caughtUp() ? Health.up().build()
                : Health.down().withDetail("limits", "risk limits view still reading sup.risk-limits.v1").build();
    }
}
