package com.quantumedge.supervisor.policy.advisor;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

/**
 * The chat client behind a time limit per attempt, a circuit breaker and retries with exponential
 * backoff, all asynchronous: waits between retries and time limits run on the scheduler, never
 * on the caller's thread. Every attempt counts in the breaker; once it is open, calls fail at once
 * with BREAKER_OPEN until {@code open-for} has passed and a trial call succeeds (half-open). Only
 * transient failures (timeout, connection, 5xx, 429) are retried.
 */
final class ResilientChatClient {

    private static final String NAME = "policy-advisor";

    private final ChatCompletionsClient client;
    private final ScheduledExecutorService scheduler;
    private final TimeLimiter timeLimiter;
    private final CircuitBreaker breaker;
    private final Retry retry;

    ResilientChatClient(ChatCompletionsClient client, AdvisorProperties settings, ScheduledExecutorService scheduler) {
        this.client = client;
        this.scheduler = scheduler;
        this.timeLimiter = TimeLimiter.of(NAME, TimeLimiterConfig.custom()
                .timeoutDuration(settings.timeout())
                .cancelRunningFuture(true)
                .build());
        AdvisorProperties.CircuitBreaker b = settings.circuitBreaker();
        this.breaker = CircuitBreaker.of(NAME, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindowSize())
                .minimumNumberOfCalls(b.minimumCalls())
                .failureRateThreshold(b.failureRateThreshold())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                .recordException(e -> FailureKind.of(e) != FailureKind.BREAKER_OPEN)
                .build());
        AdvisorProperties.Retry r = settings.retry();
        this.retry = Retry.of(NAME, RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(r.initialBackoff(), r.backoffMultiplier()))
                .retryOnException(e -> FailureKind.of(e).retryable())
                .build());
    }

    CompletionStage<String> complete(AdvisorPrompt prompt) {
        Supplier<CompletionStage<String>> attempt = timeLimiter.decorateCompletionStage(scheduler, () -> client.complete(prompt));
        Supplier<CompletionStage<String>> guarded = CircuitBreaker.decorateCompletionStage(breaker, attempt);
        return Retry.decorateCompletionStage(retry, scheduler, guarded).get();
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    Retry retry() {
        return retry;
    }
}
