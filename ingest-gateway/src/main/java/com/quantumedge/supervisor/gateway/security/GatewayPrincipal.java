package com.quantumedge.supervisor.gateway.security;

import java.security.Principal;

import com.quantumedge.supervisor.gateway.config.GatewayProperties.Role;

/**
 * Who a token belongs to. {@code botId} is set for bot tokens only: the one bot that token may post for.
 * {@code requestsPerSecond} is its rate limit. Never holds the token itself.
 */
public record GatewayPrincipal(String name, Role role, String botId, int requestsPerSecond) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
