package com.quantumedge.supervisor.risk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import com.quantumedge.supervisor.runtime.streams.StreamsRuntimeConfiguration;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/** Kafka Streams risk engine: positions, exposure, PnL and pre-trade decisions per bot. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(StreamsRuntimeConfiguration.class)
public class RiskStreamApplication {

    /** What every Kafka client of the service is built from: {@code spring.kafka.*}. */
    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka) {
        return KafkaClientSettings.from(kafka);
    }

    public static void main(String[] args) {
        SpringApplication.run(RiskStreamApplication.class, args);
    }
}
