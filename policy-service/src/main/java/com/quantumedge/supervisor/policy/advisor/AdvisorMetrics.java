package com.quantumedge.supervisor.policy.advisor;

import java.util.Locale;

import com.quantumedge.supervisor.avro.CommandType;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Advisor meters: calls by outcome, failures by kind, retries, breaker state, valid advice by
 * action, applied commands by type.
 */
final class AdvisorMetrics {

    private final MeterRegistry registry;

    AdvisorMetrics(MeterRegistry registry, CircuitBreaker breaker, Retry retry) {
        this.registry = registry;
        for (CircuitBreaker.State state : new CircuitBreaker.State[] {
                CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN}) {
            Gauge.builder("policy.advisor.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .description("1 for the LLM circuit breaker's current state").tag("state", state.name().toLowerCase(Locale.ROOT))
                    .strongReference(true).register(registry);
        }
        Counter retries = Counter.builder("policy.advisor.retries").description("LLM call attempts retried after a transient failure")
                .register(registry);
        retry.getEventPublisher().onRetry(e -> retries.increment());
    }

    /** One advice round of one bot: {@code advice} (well-formed), {@code rejected} (malformed answer) or {@code failed}. */
    void call(String outcome) {
        Counter.builder("policy.advisor.calls").description("LLM advice rounds by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    void failure(FailureKind kind) {
        Counter.builder("policy.advisor.failures").description("LLM advice rounds that produced no usable advice, by kind")
                .tag("kind", kind.tag()).register(registry).increment();
    }

    void advice(AdviceAction action) {
        Counter.builder("policy.advisor.advice").description("Well-formed advice by action").tag("action", action.name())
                .register(registry).increment();
    }

    void applied(CommandType type) {
        Counter.builder("policy.advisor.commands").description("Operator commands issued on the advisor's advice")
                .tag("type", type.name()).register(registry).increment();
    }
}
