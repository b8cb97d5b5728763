package com.quantumedge.supervisor.gateway.security;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;

import com.quantumedge.supervisor.gateway.web.ErrorBody;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * One rate limiter per principal, shared by every route a token can reach (the Spring Security chain
 * and the bot lane): over the limit answers 429 at once, never queues.
 */
public final class TokenRateLimits {

    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    private final MeterRegistry meters;

    public TokenRateLimits(MeterRegistry meters) {
        this.meters = meters;
    }

    public boolean tryAcquire(GatewayPrincipal principal) {
        return limiters.rateLimiter(principal.name(), () -> RateLimiterConfig.custom()
                .limitForPeriod(principal.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build()).acquirePermission();
    }

    public Mono<Void> refuse(ServerHttpResponse response, GatewayPrincipal principal) {
        Counter.builder("gateway.rate.limited").description("Requests refused by the per-token rate limit")
                .tag("role", principal.role().name().toLowerCase()).register(meters).increment();
        response.getHeaders().set("Retry-After", "1");
        return ErrorBody.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "more than " + principal.requestsPerSecond() + " requests per second for this token", null);
    }
}
