package com.quantumedge.supervisor.agent;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.agent.config.AgentProperties;

import io.micrometer.core.instrument.MeterRegistry;

/** Spring only wires: the agent itself is plain code, started with the context and closed with it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    ProcessAgent processAgent(AgentProperties properties,
            @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry registry) {
        return new ProcessAgent(properties, bootstrapServers, registry);
    }
}
