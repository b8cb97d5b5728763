package com.quantumedge.supervisor.gateway.web;

import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Every request Spring WebFlux dispatches is answered only after its body was read to the end
 * ({@link RequestBodyDrain}). Registered last, so it is the innermost HttpHandler decorator: the bot
 * lane, when on, wraps it and drains its own routes itself.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyDrainConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebHttpHandlerBuilderCustomizer requestBodyDrain() {
        return builder -> builder.httpHandlerDecorator(
                next -> (request, response) -> next.handle(RequestBodyDrain.beforeAnswer(request, response), response));
    }
}
