package com.quantumedge.supervisor.agent;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.agent.command.ControlCommandListener;
import com.quantumedge.supervisor.agent.config.AgentProperties;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

import io.micrometer.core.instrument.MeterRegistry;

/** Spring only wires: the agent itself is plain code, started with the context and closed with it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

    /** What every Kafka client of the agent is built from: {@code spring.kafka.*}. */
    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka) {
        return KafkaClientSettings.from(kafka);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    ProcessAgent processAgent(AgentProperties properties, KafkaClientSettings kafka, MeterRegistry registry) {
        return new ProcessAgent(properties, kafka, registry);
    }

    /** Readiness contributor {@code controlCommands}: a control command consumer runs and has its partitions. */
    @Bean(name = ControlCommandListener.READINESS)
    HealthIndicator controlCommands(ProcessAgent agent) {
        return agent.commands();
    }
}
