package com.quantumedge.supervisor.risk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Kafka Streams risk engine: positions, exposure, PnL and pre-trade decisions per bot. */
@SpringBootApplication
public class RiskStreamApplication {

    public static void main(String[] args) {
        SpringApplication.run(RiskStreamApplication.class, args);
    }
}
