package com.quantumedge.supervisor.sink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Sink of every topic into ClickHouse, exactly once per event. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TsdbSinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(TsdbSinkApplication.class, args);
    }
}
