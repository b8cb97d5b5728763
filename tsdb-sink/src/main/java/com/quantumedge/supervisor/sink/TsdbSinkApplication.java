package com.quantumedge.supervisor.sink;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Sink of every topic into ClickHouse, exactly once per event. */
@SpringBootApplication
public class TsdbSinkApplication {

    public static void main(String[] args) {
        SpringApplication.run(TsdbSinkApplication.class, args);
    }
}
