package com.quantumedge.supervisor.gateway.botlane;

import org.springframework.http.HttpHeaders;

import com.quantumedge.supervisor.gateway.security.SecurityConfig;

/**
 * The response headers Spring Security's defaults write on every answer of the filter chain, written
 * by the lane on its answers too (BotLaneParityTest compares the two).
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void addTo(HttpHeaders headers) {
        headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        headers.set(HttpHeaders.PRAGMA, "no-cache");
        headers.set(HttpHeaders.EXPIRES, "0");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-XSS-Protection", "0");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY);
    }
}
