package com.quantumedge.supervisor.policy.advisor;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/** Why an advice round for a bot produced no usable advice; the metric tag and the alert's {@code kind}. */
public enum FailureKind {
    /** No complete answer within the timeout. */
    TIMEOUT(true),
    /** HTTP 5xx: the endpoint is failing. */
    HTTP_5XX(true),
    /** HTTP 429: rate limited by the provider. */
    HTTP_429(true),
    /** Any other non-2xx status (bad key, unknown model, bad request): retrying cannot help. */
    HTTP_4XX(false),
    /** Could not connect or the connection broke. */
    CONNECTION(true),
    /** A 2xx answer that is not a chat completion. */
    BAD_RESPONSE(false),
    /** The circuit breaker is open: the endpoint was not called. */
    BREAKER_OPEN(false),
    /** A chat completion whose content is not the strict advice JSON. */
    BAD_ADVICE(false),
    /** Anything unexpected (a defect here, not at the endpoint). */
    INTERNAL(false);

    private final boolean retryable;

    FailureKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FailureKind of(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof LlmCallException call) {
            return call.kind();
        } else if (e instanceof MalformedAdviceException) {
            return BAD_ADVICE;
        } else if (e instanceof CallNotPermittedException) {
            return BREAKER_OPEN;
        } else if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
            return TIMEOUT;
        } else if (e instanceof IOException) {
            return CONNECTION;
        }
        return INTERNAL;
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
