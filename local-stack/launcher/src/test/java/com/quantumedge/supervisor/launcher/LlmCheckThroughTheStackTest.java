package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code ./supervisor llm-check} through the whole local stack: the CLI posts to the gateway, the command
 * goes over the real broker to the policy service's advisor, which asks a model (a local stand-in for an
 * OpenAI-compatible server) about the bot's latest snapshot, and the answer comes back through the
 * gateway's live events to the CLI.
 */
class LlmCheckThroughTheStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ADVISOR = Map.of(
            "supervisor.policy.advisor.enabled", "true",
            "supervisor.policy.advisor.mode", "advise",
            "supervisor.policy.advisor.model", "stand-in",
            "supervisor.policy.advisor.interval", "1h",
            "supervisor.policy.snapshot.interval", "1s",
            "supervisor.policy.ticks.interval", "250ms");

    private static final List<String> prompts = new CopyOnWriteArrayList<>();
    private static HttpServer model;
    private static LocalStack stack;
    private static Map<String, String> env;

    @BeforeAll
    static void startStack() throws Exception {
        model = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        model.createContext("/", exchange -> {
            prompts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String advice = "{\"action\":\"LOWER_RISK\",\"risk_multiplier\":0.5,\"reason\":\"equity is falling fast\"}";
            byte[] reply = JSON.writeValueAsBytes(Map.of("id", "x", "object", "chat.completion", "choices",
                    List.of(Map.of("index", 0, "finish_reason", "stop", "message", Map.of("role", "assistant", "content", advice)))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        model.start();
        // The stack's services read their settings from the environment too; system properties reach the policy service.
        ADVISOR.forEach(System::setProperty);
        System.setProperty("supervisor.policy.advisor.base-url", "http://127.0.0.1:" + model.getAddress().getPort() + "/v1");
        Path home = Files.createDirectories(Path.of("target", "llm-check-" + UUID.randomUUID()).toAbsolutePath());
        stack = LocalStack.start(new SupervisorHome(home), new LocalStack.Options(false, null, 0, null, false));
        env = stack.env();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        ADVISOR.keySet().forEach(System::clearProperty);
        System.clearProperty("supervisor.policy.advisor.base-url");
        if (model != null) {
            model.stop(0);
        }
    }

    @Test
    @DisplayName("llm-check prints the model's advice on the bot's latest snapshot, with what the trust policy made of it")
    void llmCheckPrintsTheAdvice() throws Exception {
        String bot = env.get("BOT_ID");
        HttpResponse<String> heartbeat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(env.get("GATEWAY_URL") + "/api/v1/heartbeat"))
                .header("Authorization", "Bearer " + env.get("BOT_TOKEN")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"equity\":10000,\"uptime_s\":5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(heartbeat.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            CliRun run = llmCheck("--bot", bot, "--reason", "volatile session", "--wait", "10s");
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).contains("LLM advice for " + bot + ": LOWER_RISK")
                    .contains("reason:  equity is falling fast")
                    .contains("outcome: not applied: advise mode (applied: false)")
                    .contains("risk multiplier: 0.5")
                    .contains("model stand-in");
        });
        assertThat(prompts).anySatisfy(p -> assertThat(p).contains(bot).contains("snapshot"));
    }

    private static CliRun llmCheck(String... args) {
        List<String> commandLine = new ArrayList<>(List.of(args));
        commandLine.addAll(List.of("--gateway", env.get("GATEWAY_URL"), "--token", env.get("OPERATOR_TOKEN")));
        return CliRun.of(new LlmCheckCommand(), (c, out) -> c.out = out, commandLine);
    }
}
