package com.quantumedge.supervisor.gateway.security;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.quantumedge.supervisor.gateway.web.ErrorBody;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/** One rate limiter per authenticated principal; over the limit answers 429 at once, never queues. */
class PerTokenRateLimitFilter implements WebFilter {

    private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
    private final MeterRegistry meters;

    PerTokenRateLimitFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(p -> p instanceof Authentication a && a.getPrincipal() instanceof GatewayPrincipal)
                .map(p -> (GatewayPrincipal) ((Authentication) p).getPrincipal())
                .flatMap(principal -> limiterFor(principal).acquirePermission()
                        ? chain.filter(exchange).thenReturn(true)
                        : tooManyRequests(exchange, principal).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    private RateLimiter limiterFor(GatewayPrincipal principal) {
        return limiters.rateLimiter(principal.name(), () -> RateLimiterConfig.custom()
                .limitForPeriod(principal.requestsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    private Mono<Void> tooManyRequests(ServerWebExchange exchange, GatewayPrincipal principal) {
        Counter.builder("gateway.rate.limited").description("Requests refused by the per-token rate limit")
                .tag("role", principal.role().name().toLowerCase()).register(meters).increment();
        exchange.getResponse().getHeaders().set("Retry-After", "1");
        return ErrorBody.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "more than " + principal.requestsPerSecond() + " requests per second for this token", null);
    }
}
