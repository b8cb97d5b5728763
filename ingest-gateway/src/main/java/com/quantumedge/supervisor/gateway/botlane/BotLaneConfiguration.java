package com.quantumedge.supervisor.gateway.botlane;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.execution.ExecutionController;
import com.quantumedge.supervisor.gateway.heartbeat.HeartbeatController;
import com.quantumedge.supervisor.gateway.order.OrderCheckController;
import com.quantumedge.supervisor.gateway.security.TokenRateLimits;
import com.quantumedge.supervisor.gateway.security.TokenRegistry;
import com.quantumedge.supervisor.gateway.web.ApiExceptionHandler;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the {@link BotLane} in front of WebFlux for the three bot routes, unless
 * {@code supervisor.gateway.http.bot-lane=false}: then every request takes the full Spring stack.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "supervisor.gateway.http.bot-lane", matchIfMissing = true)
class BotLaneConfiguration {

    /** Before {@code RequestBodyDrainConfiguration}'s decorator, so the lane is the outer one. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    WebHttpHandlerBuilderCustomizer botLane(HeartbeatController heartbeat, OrderCheckController orderCheck,
            ExecutionController execution, TokenRegistry tokens, TokenRateLimits rateLimits, ApiExceptionHandler errors,
            JsonMapper json, GatewayProperties properties, MeterRegistry meters) {
        List<BotRoute> routes = List.of(
                new BotRoute("/api/v1/heartbeat", heartbeat::heartbeat),
                new BotRoute("/api/v1/risk/evaluate", orderCheck::evaluate),
                new BotRoute("/api/v1/executions", execution::execution));
        return builder -> builder.httpHandlerDecorator(next -> new BotLane(next, routes, tokens, rateLimits, errors, json,
                properties.limits().maxBodyBytes(), meters));
    }
}
