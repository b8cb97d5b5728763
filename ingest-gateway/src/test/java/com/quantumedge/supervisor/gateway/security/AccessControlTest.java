package com.quantumedge.supervisor.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;

class AccessControlTest {

    private final RunningGateway gateway = SharedGateway.get();

    @ParameterizedTest(name = "{0} is open without a token")
    @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
    @DisplayName("liveness and readiness answer without a token")
    void probesAreOpen(String path) {
        Http.Response response = Http.get(gateway.url(path), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    @ParameterizedTest(name = "GET {0} without a token is 401")
    @ValueSource(strings = {"/api/v1/status", "/api/v1/dashboard/overview", "/api/v1/alerts", "/actuator/prometheus", "/v3/api-docs",
            "/actuator/health"})
    @DisplayName("everything else needs a token")
    void everythingElseNeedsAToken(String path) {
        Http.Response response = Http.get(gateway.url(path), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().at("/error/code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    @DisplayName("an unknown token is 401 and the token never appears in the answer")
    void unknownTokenIsRejected() {
        String token = RunningGateway.newToken();
        Http.Response response = Http.postJson(gateway.url("/api/v1/heartbeat"), token, "{}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    @DisplayName("a viewer cannot post a heartbeat")
    void viewerCannotPost() {
        Http.Response response = Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token("viewer"), "{}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().at("/error/code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    @DisplayName("a bot cannot issue operator commands")
    void botCannotControl() {
        Http.Response response = Http.postJson(gateway.url("/api/v1/control/resume"), gateway.token(SharedGateway.BOT),
                "{\"bot_id\":\"" + SharedGateway.BOT + "\",\"reason\":\"me\"}");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("an operator cannot post order checks")
    void operatorCannotEvaluate() {
        Http.Response response = Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token("operator"), "{}");

        assertThat(response.status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "operator may GET {0}")
    @ValueSource(strings = {"/api/v1/status", "/api/v1/dashboard/health", "/api/v1/tsdb/status", "/api/v1/alerts"})
    @DisplayName("an operator may read the views too")
    void operatorReads(String path) {
        assertThat(Http.get(gateway.url(path), gateway.token("operator")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a bot cannot read the status views or the alerts")
    void botCannotRead() {
        assertThat(Http.get(gateway.url("/api/v1/status"), gateway.token(SharedGateway.BOT)).status()).isEqualTo(403);
        assertThat(Http.get(gateway.url("/api/v1/alerts"), gateway.token(SharedGateway.BOT)).status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "POST {0} for another bot is 403")
    @ValueSource(strings = {"/api/v1/heartbeat", "/api/v1/risk/evaluate", "/api/v1/executions"})
    @DisplayName("a bot token cannot post for another bot")
    void botCannotPostForAnotherBot(String path) {
        Http.Response response = Http.postJson(gateway.url(path), gateway.token(SharedGateway.BOT),
                "{\"bot_id\":\"" + SharedGateway.OTHER_BOT + "\",\"uptime_s\":1}");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().at("/error/code").asString()).isEqualTo("FORBIDDEN_BOT");
        assertThat(response.json().at("/error/field").asString()).isEqualTo("bot_id");
    }

    @Test
    @DisplayName("the viewer reads Prometheus metrics with the gateway's own meters")
    void viewerReadsMetrics() {
        Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(SharedGateway.BOT), "{\"uptime_s\": \"x\"}");
        Http.Response response = Http.get(gateway.url("/actuator/prometheus"), gateway.token("viewer"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("http_server_requests_seconds").contains("gateway_input_rejected_total");
    }

    @Test
    @DisplayName("the OpenAPI document describes every endpoint")
    void openApiDocument() {
        Http.Response response = Http.get(gateway.url("/v3/api-docs"), gateway.token("viewer"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("/api/v1/heartbeat", "/api/v1/risk/evaluate", "/api/v1/executions",
                "/api/v1/control/{command}", "/api/v1/status", "/api/v1/supervisor/snapshot", "/api/v1/dashboard/overview",
                "/api/v1/dashboard/health", "/api/v1/dashboard/events", "/api/v1/tsdb/status", "/api/v1/bots/{botId}");
    }

    @Test
    @DisplayName("a body over the limit is 413")
    void bodyTooLarge() {
        String big = "{\"uptime_s\": 1, \"pad\": \"" + "x".repeat(10_000) + "\"}";
        Http.Response response = Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(SharedGateway.BOT), big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().at("/error/code").asString()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    @DisplayName("a body that is not application/json is 415 naming Content-Type")
    void wrongContentType() {
        Http.Response response = Http.post(gateway.url("/api/v1/heartbeat"),
                Map.of("Authorization", "Bearer " + gateway.token(SharedGateway.BOT), "Content-Type", "text/plain"), "{}");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().at("/error/field").asString()).isEqualTo("Content-Type");
    }

    @Test
    @DisplayName("a token over its rate limit gets 429 with Retry-After")
    void rateLimited() {
        List<Http.Response> responses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            responses.add(Http.get(gateway.url("/api/v1/tsdb/status"), gateway.token("throttled")));
        }

        Http.Response limited = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.json().at("/error/code").asString()).isEqualTo("RATE_LIMITED");
    }

    @Test
    @DisplayName("CORS is off without an allow-list: a preflight gets no Access-Control-Allow-Origin")
    void corsOffByDefault() {
        Http.Response response = Http.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/status")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").build());

        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
