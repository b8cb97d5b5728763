package com.quantumedge.supervisor.gateway.limits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;

/** The gateway's view of {@code sup.risk-limits.v1} and its readiness contributor. */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    @Bean(destroyMethod = "close")
    RiskLimitsView riskLimitsView(MeterRegistry meters) {
        return new RiskLimitsView(meters);
    }

    /**
     * The view's supervised consumer; the readiness contributor {@code limits}: the view has read the
     * limits topic to the end it found at start, so the limits it shows, and the versions a change is
     * checked against, are the ones in force.
     */
    @Bean(name = RiskLimitsView.READINESS, destroyMethod = "close")
    SupervisedListener limits(RiskLimitsView view, KafkaClientSettings kafka, MeterRegistry meters) {
        SupervisedListener supervised = view.supervised(kafka, meters);
        supervised.start();
        return supervised;
    }

    @Bean
    LimitsWriter limitsWriter(RiskLimitsView view, RecordPublisher publisher, GatewayProperties properties) {
        GatewayProperties.Producer producer = properties.producer();
        return new LimitsWriter(view, publisher, producer.maxBlock().plus(producer.deliveryTimeout()).plusSeconds(1));
    }
}
