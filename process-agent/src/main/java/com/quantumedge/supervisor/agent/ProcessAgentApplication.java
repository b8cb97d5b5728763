package com.quantumedge.supervisor.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Process agent on the bot host: starts, stops and restarts the bot on command. */
@SpringBootApplication
public class ProcessAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProcessAgentApplication.class, args);
    }
}
