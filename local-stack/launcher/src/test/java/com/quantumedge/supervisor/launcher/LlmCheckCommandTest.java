package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** llm-check against a stand-in gateway: the command is posted, then the events are polled for its answer. */
class LlmCheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPTED = "{\"accepted\":true,\"command_id\":\"c-1\",\"command_type\":\"LLM_CHECK\"}";

    private record Request(String method, String uri, String authorization, JsonNode body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private HttpServer gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    @DisplayName("posts bot and reason to /api/v1/control/llm-check, then prints the advice whose correlation_id is the command id")
    void printsTheAdvice() throws Exception {
        String other = event("other-id", "ALERT", Map.of("action", "PAUSE_ENTRIES", "reason", "someone else's"));
        String answer = event("c-1", "ALERT", Map.of("action", "LOWER_RISK", "reason", "volatility spike", "outcome",
                "not applied: advise mode", "applied", "false", "risk_multiplier", "0.5", "model", "m", "snapshot_id", "s-9"));
        startGateway(202, ACCEPTED, "{\"events\":[" + other + "]}", "{\"events\":[" + answer + "," + other + "]}");

        CliRun run = llmCheck("--bot", "bot-7", "--reason", "volatile session");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("LLM advice for bot-7: LOWER_RISK").contains("reason:  volatility spike")
                .contains("outcome: not applied: advise mode (applied: false)").contains("risk multiplier: 0.5")
                .doesNotContain("someone else's");
        assertThat(requests.get(0)).isEqualTo(new Request("POST", "/api/v1/control/llm-check", "Bearer operator-secret",
                JSON.valueToTree(Map.of("bot_id", "bot-7", "reason", "volatile session"))));
        assertThat(requests.get(1).uri()).isEqualTo("/api/v1/dashboard/events?limit=1000&types=ALERT,OPERATOR_COMMAND_REJECTED&bot_id=bot-7");
        assertThat(polls.get()).isEqualTo(2);
    }

    @Test
    @DisplayName("a rejected check prints the rejection and exits 1")
    void printsTheRejection() throws Exception {
        String rejected = event("c-1", "OPERATOR_COMMAND_REJECTED", Map.of("field", "command_type"));
        startGateway(202, ACCEPTED, "{\"events\":[" + rejected + "]}");

        CliRun run = llmCheck("--bot", "bot-7", "--reason", "r");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("OPERATOR_COMMAND_REJECTED: msg");
    }

    @Test
    @DisplayName("no answer within --wait exits 2 and says what to check")
    void noAnswer() throws Exception {
        startGateway(202, ACCEPTED, "{\"events\":[]}");

        CliRun run = llmCheck("--bot", "bot-7", "--reason", "r", "--wait", "1s");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("no answer to llm-check c-1 within 1s").contains("supervisor.policy.advisor.enabled");
        assertThat(polls.get()).isGreaterThan(1);
    }

    @Test
    @DisplayName("--wait 0s only sends the command; a refused command is one line and exit 1")
    void noWaitAndRefusal() throws Exception {
        startGateway(202, ACCEPTED, "{\"events\":[]}");
        CliRun sent = llmCheck("--bot", "bot-7", "--reason", "r", "--wait", "0s");
        assertThat(sent.exit()).isZero();
        assertThat(sent.output()).contains("accepted llm-check for bot-7: command_id c-1");
        assertThat(polls.get()).isZero();
        gateway.stop(0);

        startGateway(403, "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"operator role required\",\"field\":null}}", "{}");
        CliRun refused = llmCheck("--bot", "bot-7", "--reason", "r");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output()).contains("refused (403) FORBIDDEN: operator role required");
    }

    private static String event(String correlationId, String type, Map<String, String> details) throws IOException {
        return JSON.writeValueAsString(Map.of("timestamp", "2026-12-04T10:00:00Z", "type", type, "message", "msg",
                "correlation_id", correlationId, "details", details));
    }

    /** Answers the POST with {@code status, accepted}, then each GET with the next of {@code events} (the last one repeats). */
    private void startGateway(int status, String accepted, String... events) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String uri = exchange.getRequestURI().toString();
            requests.add(new Request(exchange.getRequestMethod(), uri, exchange.getRequestHeaders().getFirst("Authorization"),
                    body.length > 0 ? JSON.readTree(body) : null));
            boolean post = "POST".equals(exchange.getRequestMethod());
            String answer = post ? accepted : events[Math.min(polls.getAndIncrement(), events.length - 1)];
            byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(post ? status : 200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        gateway.start();
    }

    private CliRun llmCheck(String... args) {
        List<String> commandLine = new ArrayList<>(List.of(args));
        commandLine.addAll(List.of("--gateway", "http://127.0.0.1:" + gateway.getAddress().getPort(), "--token", "operator-secret"));
        return CliRun.of(new LlmCheckCommand(), (c, out) -> c.out = out, commandLine);
    }
}
