package com.quantumedge.supervisor.gateway.botlane;

import java.security.Principal;
import java.util.function.BiFunction;

import reactor.core.publisher.Mono;

/**
 * One bot-role POST route served by the lane: its exact path and the controller method that answers
 * it (a body, or a {@code ResponseEntity} when the status is not 200).
 */
public record BotRoute(String path, BiFunction<String, Principal, Mono<?>> handler) {
}
