package com.quantumedge.supervisor.risk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Kafka Streams risk engine: positions, exposure, PnL and pre-trade decisions per bot. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RiskStreamApplication {

    public static void main(String[] args) {
        SpringApplication.run(RiskStreamApplication.class, args);
    }
}
