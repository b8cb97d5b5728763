package com.quantumedge.supervisor.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/** The per-token rate limit inside the Spring Security chain, for every authenticated route. */
class PerTokenRateLimitFilter implements WebFilter {

    private final TokenRateLimits limits;

    PerTokenRateLimitFilter(TokenRateLimits limits) {
        this.limits = limits;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .filter(p -> p instanceof Authentication a && a.getPrincipal() instanceof GatewayPrincipal)
                .map(p -> (GatewayPrincipal) ((Authentication) p).getPrincipal())
                .flatMap(principal -> limits.tryAcquire(principal)
                        ? chain.filter(exchange).thenReturn(true)
                        : limits.refuse(exchange.getResponse(), principal).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }
}
