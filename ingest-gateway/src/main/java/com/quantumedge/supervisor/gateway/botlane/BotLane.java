package com.quantumedge.supervisor.gateway.botlane;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

import org.springframework.web.util.DisconnectedClientHelper;

import com.quantumedge.supervisor.gateway.config.GatewayProperties.Role;
import com.quantumedge.supervisor.gateway.security.GatewayPrincipal;
import com.quantumedge.supervisor.gateway.security.SecurityConfig;
import com.quantumedge.supervisor.gateway.security.TokenRateLimits;
import com.quantumedge.supervisor.gateway.security.TokenRegistry;
import com.quantumedge.supervisor.gateway.web.ApiExceptionHandler;
import com.quantumedge.supervisor.gateway.web.BodyLimitFilter;
import com.quantumedge.supervisor.gateway.web.ErrorBody;
import com.quantumedge.supervisor.gateway.web.RequestBodyDrain;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the bot's POST routes (heartbeat, order check, execution) in front of Spring WebFlux's
 * dispatch and the Spring Security filter chain, which cost ~300 µs of CPU per request between them
 * (see docs/architecture.md, "The bot lane"). It applies the same rules, in the same order and with
 * the same answers, as {@link SecurityConfig} and the controllers' mappings do for these routes:
 * token (401), bot role (403), per-token rate limit (429, shared limiters), body size (413), JSON
 * content type (415), acceptable response type (406), then the controller method itself, whose
 * failures map through {@link ApiExceptionHandler}. Every answer waits until the request body has been
 * read to its end ({@link RequestBodyDrain}), refusals decided from headers alone included. Responses carry the security headers Spring
 * Security would add. Every other request, and any request with an {@code Origin} header (browsers,
 * which CORS rules apply to), goes to the full stack.
 */
public final class BotLane implements HttpHandler {

    private final HttpHandler next;
    private final Map<String, Route> routes = new HashMap<>();
    private final TokenRegistry tokens;
    private final TokenRateLimits rateLimits;
    private final ApiExceptionHandler errors;
    private final JsonMapper json;
    private final long maxBodyBytes;

    private record Route(BotRoute route, RouteTimers timers) {
    }

    public BotLane(HttpHandler next, List<BotRoute> routes, TokenRegistry tokens, TokenRateLimits rateLimits,
            ApiExceptionHandler errors, JsonMapper json, long maxBodyBytes, MeterRegistry meters) {
        this.next = next;
        routes.forEach(r -> this.routes.put(r.path(), new Route(r, new RouteTimers(meters, r.path()))));
        this.tokens = tokens;
        this.rateLimits = rateLimits;
        this.errors = errors;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        Route route = request.getMethod() == HttpMethod.POST ? routes.get(request.getURI().getRawPath()) : null;
        if (route == null || request.getHeaders().getOrigin() != null) {
            return next.handle(request, response);
        }
        long started = System.nanoTime();
        SecurityHeaders.addTo(response.getHeaders());
        ServerHttpRequest whole = RequestBodyDrain.beforeAnswer(request, response);
        return Mono.defer(() -> serve(route.route(), whole, response))
                .onErrorResume(e -> clientGone(response, e) ? Mono.empty() : write(response, errors.answer(e)))
                .doFinally(signal -> {
                    HttpStatusCode status = response.getStatusCode();
                    route.timers().record(status == null ? 0 : status.value(), System.nanoTime() - started);
                });
    }

    /**
     * The caller closed the connection (a client timeout, a load generator stopping): nothing can be
     * answered, and it is not the gateway's failure, as Spring's own handler treats it.
     */
    private static boolean clientGone(ServerHttpResponse response, Throwable e) {
        return response.isCommitted() || DisconnectedClientHelper.isClientDisconnectedException(e);
    }

    private Mono<Void> serve(BotRoute route, ServerHttpRequest request, ServerHttpResponse response) {
        HttpHeaders headers = request.getHeaders();
        Optional<String> presented = SecurityConfig.presentedToken(headers);
        if (presented.isEmpty()) {
            return ErrorBody.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", SecurityConfig.TOKEN_REQUIRED, null);
        }
        GatewayPrincipal principal = tokens.resolve(presented.get()).orElse(null);
        if (principal == null) {
            return ErrorBody.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", SecurityConfig.TOKEN_INVALID, null);
        }
        if (principal.role() != Role.BOT) {
            return ErrorBody.write(response, HttpStatus.FORBIDDEN, "FORBIDDEN", SecurityConfig.ROLE_FORBIDDEN, null);
        }
        if (!rateLimits.tryAcquire(principal)) {
            return rateLimits.refuse(response, principal);
        }
        if (headers.getContentLength() > maxBodyBytes) {
            return BodyLimitFilter.refuse(response, maxBodyBytes);
        }
        if (!isJson(headers)) {
            return write(response, errors.unsupportedMediaType());
        }
        if (!acceptsJson(headers)) {
            return write(response, errors.notAcceptable());
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                .onErrorMap(DataBufferLimitException.class, e -> BodyLimitFilter.tooLarge(maxBodyBytes))
                .map(BotLane::text)
                .defaultIfEmpty("")
                .flatMap(body -> route.handler().apply(body, principal))
                .flatMap(result -> write(response, result instanceof ResponseEntity<?> entity ? entity : ResponseEntity.ok(result)));
    }

    private static boolean isJson(HttpHeaders headers) {
        try {
            MediaType type = headers.getContentType();
            return type != null && MediaType.APPLICATION_JSON.includes(type);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean acceptsJson(HttpHeaders headers) {
        if (headers.getFirst(HttpHeaders.ACCEPT) == null) {
            return true;
        }
        try {
            return headers.getAccept().stream().anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String text(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private Mono<Void> write(ServerHttpResponse response, ResponseEntity<?> entity) {
        response.setStatusCode(entity.getStatusCode());
        response.getHeaders().addAll(entity.getHeaders());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(entity.getBody());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
