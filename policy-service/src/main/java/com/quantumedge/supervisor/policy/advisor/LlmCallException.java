package com.quantumedge.supervisor.policy.advisor;

/** A call to the chat-completions endpoint that failed, classified. Never carries the API key or the answer body. */
public final class LlmCallException extends RuntimeException {

    private final FailureKind kind;

    public LlmCallException(FailureKind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
