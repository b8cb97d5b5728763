package com.quantumedge.supervisor.policy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.quantumedge.supervisor.runtime.streams.StreamsRuntimeConfiguration;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** Kafka Streams supervision policy: turns heartbeats, ticks, risk state and agent status into control commands. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(StreamsRuntimeConfiguration.class)
public class PolicyServiceApplication {

    /** What every Kafka client of the service is built from: {@code spring.kafka.*}. */
    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka) {
        return KafkaClientSettings.from(kafka);
    }

    public static void main(String[] args) {
        SpringApplication.run(PolicyServiceApplication.class, args);
    }
}
