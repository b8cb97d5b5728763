package com.quantumedge.supervisor.gateway.security;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.web.BodyLimitFilter;
import com.quantumedge.supervisor.gateway.web.ErrorBody;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Token authentication (Authorization: Bearer or X-API-TOKEN) and the role rules of every route.
 * Stateless: no session, no CSRF token, no login page. Only liveness, readiness and the operator
 * console's static files (whose sign-in asks for a token and sends it as Bearer) are open.
 */
@Configuration
@EnableWebFluxSecurity
public class SecurityConfig {

    public static final String API_TOKEN_HEADER = "X-API-TOKEN";
    public static final String TOKEN_REQUIRED = "an API token is required (Authorization: Bearer or X-API-TOKEN)";
    public static final String TOKEN_INVALID = "invalid API token";
    public static final String ROLE_FORBIDDEN = "this token's role may not use this endpoint";
    /**
     * On every answer: the console's scripts and styles come from this origin only, nothing inline, no
     * plugins, no framing; JSON answers are never rendered, so the policy costs them nothing. The vendored
     * chart library (uPlot) sizes and places its parts through {@code element.style}, which is the CSSOM and
     * not governed by {@code style-src}: only style attributes in markup and {@code <style>} elements are, and
     * it uses neither, so it needs no {@code 'unsafe-inline'} (ConsoleBrowserTest fails on any violation).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** The console's static files: the page itself, its modules and its stylesheet. Nothing else is open. */
    static final String[] CONSOLE_ASSETS = {"/", "/index.html", "/console/**"};

    /** Only in dev mode: random tokens for the launcher to hand to a local bot and operator. */
    @Bean
    @ConditionalOnBooleanProperty("supervisor.gateway.security.dev-mode")
    DevTokens devTokens(GatewayProperties properties) {
        return DevTokens.generate(properties.security().devBotId());
    }

    /**
     * No Spring Security observations (a span and timer around every filter of the chain, several per
     * request): they cost more CPU than the rest of the security chain on the heartbeat path, and
     * requests, including refused ones (status 401/403/429), are already timed and counted by {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    TokenRegistry tokenRegistry(GatewayProperties properties, ObjectProvider<DevTokens> devTokens) {
        return TokenRegistry.from(properties.security(), properties.limits().requestsPerSecond(),
                Optional.ofNullable(devTokens.getIfAvailable()));
    }

    @Bean
    TokenRateLimits tokenRateLimits(MeterRegistry meters) {
        return new TokenRateLimits(meters);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, TokenRegistry tokens,
            GatewayProperties properties, TokenRateLimits rateLimits) {
        ReactiveAuthenticationManager manager = authentication -> Mono.justOrEmpty(tokens.resolve((String) authentication.getCredentials()))
                .switchIfEmpty(Mono.error(new BadCredentialsException("unknown token")))
                .map(p -> new UsernamePasswordAuthenticationToken(p, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + p.role().name()))));
        AuthenticationWebFilter authentication = new AuthenticationWebFilter(manager);
        authentication.setServerAuthenticationConverter(exchange -> Mono.justOrEmpty(presentedToken(exchange.getRequest().getHeaders()))
                .map(token -> new UsernamePasswordAuthenticationToken(null, token)));
        authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        authentication.setAuthenticationFailureHandler((webFilterExchange, e) -> ErrorBody.write(
                webFilterExchange.getExchange().getResponse(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", TOKEN_INVALID, null));

        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(c -> c.requestCache(NoOpServerRequestCache.getInstance()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(new PerTokenRateLimitFilter(rateLimits), SecurityWebFiltersOrder.AUTHORIZATION)
                .addFilterAfter(new BodyLimitFilter(properties.limits().maxBodyBytes()), SecurityWebFiltersOrder.AUTHORIZATION)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((exchange, ex) -> ErrorBody.write(exchange.getResponse(),
                                HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", TOKEN_REQUIRED, null))
                        .accessDeniedHandler((exchange, ex) -> ErrorBody.write(exchange.getResponse(),
                                HttpStatus.FORBIDDEN, "FORBIDDEN", ROLE_FORBIDDEN, null)))
                .authorizeExchange(a -> a
                        .pathMatchers(HttpMethod.GET, "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                        .pathMatchers(HttpMethod.GET, CONSOLE_ASSETS).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/heartbeat", "/api/v1/risk/evaluate", "/api/v1/executions").hasRole("BOT")
                        .pathMatchers(HttpMethod.POST, "/api/v1/control/**").hasRole("OPERATOR")
                        .pathMatchers(HttpMethod.PUT, "/api/v1/limits/**").hasRole("OPERATOR")
                        .pathMatchers(HttpMethod.GET, "/api/v1/**", "/v3/api-docs/**", "/v3/api-docs", "/actuator/**")
                        .hasAnyRole("VIEWER", "OPERATOR")
                        .anyExchange().denyAll());
        List<String> origins = properties.corsAllowedOrigins();
        if (origins.isEmpty()) {
            http.cors(ServerHttpSecurity.CorsSpec::disable);
        } else {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, API_TOKEN_HEADER));
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/api/**", cors);
            http.cors(c -> c.configurationSource(source));
        }
        return http.build();
    }

    public static Optional<String> presentedToken(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).strip());
        }
        return Optional.ofNullable(headers.getFirst(API_TOKEN_HEADER)).map(String::strip);
    }
}
