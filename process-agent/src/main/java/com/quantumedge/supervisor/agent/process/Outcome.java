package com.quantumedge.supervisor.agent.process;

import com.quantumedge.supervisor.avro.AckStatus;

/** How a command ended: DONE, or FAILED with the reason. */
public record Outcome(AckStatus status, String message) {

    public static Outcome done(String message) {
        return new Outcome(AckStatus.DONE, message);
    }

    public static Outcome failed(String message) {
        return new Outcome(AckStatus.FAILED, message);
    }

    public boolean succeeded() {
        return status == AckStatus.DONE;
    }
}
