package com.quantumedge.supervisor.policy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Kafka Streams supervision policy: turns heartbeats, ticks, risk state and agent status into control commands. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PolicyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PolicyServiceApplication.class, args);
    }
}
