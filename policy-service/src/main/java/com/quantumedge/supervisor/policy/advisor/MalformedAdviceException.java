package com.quantumedge.supervisor.policy.advisor;

/** The model's answer is not the strict advice JSON; it is counted and never acted on. */
public final class MalformedAdviceException extends RuntimeException {

    public MalformedAdviceException(String message) {
        super(message);
    }
}
