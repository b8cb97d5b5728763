package com.quantumedge.supervisor.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.quantumedge.supervisor.gateway.security.SecurityConfig;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;

/** The operator console's files are open, everything else still needs a token, and the session says who a token is. */
class ConsoleEndpointsTest {

    private final RunningGateway gateway = SharedGateway.get();
    private final WebTestClient client = WebTestClient.bindToServer().baseUrl(gateway.url("")).build();

    @Test
    @DisplayName("the console's page is served at / without a token, loads its code as a module from this origin and has no inline script")
    void indexIsServedWithoutToken() {
        String html = client.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(html).contains("<script type=\"module\" src=\"/console/app.js\"></script>");
        assertThat(html).as("every script has a src: nothing inline").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }

    @ParameterizedTest(name = "{0} is served without a token")
    @ValueSource(strings = {"/index.html", "/console/app.js", "/console/api.js", "/console/dom.js", "/console/fleet.js",
            "/console/bot.js", "/console/audit.js", "/console/chart.js", "/console/limits.js", "/console/console.css",
            "/console/favicon.svg", "/console/vendor/uplot/uPlot.esm.js", "/console/vendor/uplot/uPlot.min.css"})
    @DisplayName("the console's modules and stylesheet are served without a token")
    void assetsAreServedWithoutToken(String path) {
        client.get().uri(path).exchange().expectStatus().isOk();
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/", "/console/app.js", "/api/v1/status", "/api/v1/alerts", "/api/v1/session"})
    @DisplayName("every answer, the console's and the API's, carries the strict Content-Security-Policy")
    void contentSecurityPolicyOnEveryAnswer(String path) {
        String csp = client.get().uri(path).exchange()
                .returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");

        assertThat(csp).isEqualTo(SecurityConfig.CONTENT_SECURITY_POLICY);
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    }

    @ParameterizedTest(name = "GET {0} without a token is 401")
    @ValueSource(strings = {"/api/v1/session", "/api/v1/status", "/api/v1/dashboard/overview", "/api/v1/limits", "/api/v1/alerts",
            "/favicon.ico", "/console.js", "/static/index.html"})
    @DisplayName("the API and anything not a console file still need a token")
    void apiStillNeedsToken(String path) {
        client.get().uri(path).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo("UNAUTHORIZED");
    }

    @Test
    @DisplayName("a wrong token is refused on the session, so sign-in can say so")
    void wrongTokenIsRefused() {
        client.get().uri("/api/v1/session").header(HttpHeaders.AUTHORIZATION, "Bearer " + RunningGateway.newToken()).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.message").isEqualTo(SecurityConfig.TOKEN_INVALID);
    }

    @Test
    @DisplayName("a viewer's session says viewer and that it may not control bots")
    void viewerSession() {
        client.get().uri("/api/v1/session").header(HttpHeaders.AUTHORIZATION, "Bearer " + gateway.token("viewer")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.role").isEqualTo("viewer")
                .jsonPath("$.name").isEqualTo("viewer")
                .jsonPath("$.may_control").isEqualTo(false);
    }

    @Test
    @DisplayName("an operator's session says operator and that it may control bots")
    void operatorSession() {
        client.get().uri("/api/v1/session").header(HttpHeaders.AUTHORIZATION, "Bearer " + gateway.token("operator")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.role").isEqualTo("operator")
                .jsonPath("$.may_control").isEqualTo(true);
    }

    @Test
    @DisplayName("a bot token has no console session (403), so a bot's token cannot sign in")
    void botHasNoSession() {
        client.get().uri("/api/v1/session").header(HttpHeaders.AUTHORIZATION, "Bearer " + gateway.token(SharedGateway.BOT)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo("FORBIDDEN");
    }

    @Test
    @DisplayName("the session is under the token's rate limit like every API route")
    void sessionIsRateLimited() {
        // The throttled token (2 per second) is shared with other tests: first wait for a fresh second.
        await().atMost(Duration.ofSeconds(5)).until(() -> sessionStatus("throttled") == 200);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(sessionStatus("throttled"));
        }
        assertThat(statuses).contains(429);
    }

    private int sessionStatus(String token) {
        return client.get().uri("/api/v1/session").header(HttpHeaders.AUTHORIZATION, "Bearer " + gateway.token(token))
                .exchange().returnResult(String.class).getStatus().value();
    }
}
