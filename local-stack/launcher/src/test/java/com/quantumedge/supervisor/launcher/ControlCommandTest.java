package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** The control command's side of the HTTP exchange, against a stand-in gateway that records what it is sent. */
class ControlCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Request(String method, String path, String authorization, JsonNode body) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private HttpServer gateway;

    @AfterEach
    void stopGateway() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    @DisplayName("control run-job posts bot, reason and job to /api/v1/control/run-job with the operator token")
    void runJobPostsTheJob() throws Exception {
        startGateway(202, "{\"accepted\":true,\"command_id\":\"c-1\",\"command_type\":\"RUN_JOB\"}");

        CliRun run = control("run-job", "--bot", "bot-7", "--reason", "nightly check", "--job", "meta-agent");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("accepted run-job for bot-7: command_id c-1");
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/control/run-job");
            assertThat(r.authorization()).isEqualTo("Bearer operator-secret");
            assertThat(r.body()).isEqualTo(JSON.valueToTree(Map.of("bot_id", "bot-7", "reason", "nightly check", "job", "meta-agent")));
        });
    }

    @Test
    @DisplayName("a job the gateway refuses is one line naming the field, and exit 1")
    void refusedJobFails() throws Exception {
        startGateway(400, "{\"error\":{\"code\":\"INVALID_VALUE\",\"message\":\"job does not match [A-Za-z0-9]\",\"field\":\"job\"}}");

        CliRun run = control("run-job", "--bot", "bot-7", "--reason", "r", "--job", "../x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("refused (400) INVALID_VALUE: job does not match [A-Za-z0-9] (field job)");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.body().path("job").asText()).isEqualTo("../x"));
    }

    @Test
    @DisplayName("a bot the gateway does not know is refused with 404 UNKNOWN_BOT, what to check and how to override, and exit 1")
    void unknownBotIsExplained() throws Exception {
        startGateway(404, "{\"error\":{\"code\":\"UNKNOWN_BOT\",\"message\":\"no bot bot-7x is known\",\"field\":\"bot_id\"}}");

        CliRun run = control("halt", "--bot", "bot-7x", "--reason", "incident");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("refused (404) UNKNOWN_BOT: no bot bot-7x is known (field bot_id)")
                .contains("no bot 'bot-7x' is known to the supervisor, nothing was sent")
                .contains("--allow-unknown-bot")
                .doesNotContain("accepted");
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.body().has("allow_unknown_bot")).isFalse());
    }

    @Test
    @DisplayName("--allow-unknown-bot sends allow_unknown_bot true, to halt a bot before its first start")
    void allowUnknownBotIsSent() throws Exception {
        startGateway(202, "{\"accepted\":true,\"command_id\":\"c-2\",\"command_type\":\"HALT\"}");

        CliRun run = control("halt", "--bot", "new-bot", "--reason", "not before review", "--allow-unknown-bot");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(JSON.valueToTree(
                Map.of("bot_id", "new-bot", "reason", "not before review", "allow_unknown_bot", true))));
    }

    @Test
    @DisplayName("control retire posts bot and reason to /api/v1/control/retire")
    void retirePostsToRetire() throws Exception {
        startGateway(202, "{\"accepted\":true,\"command_id\":\"c-3\",\"command_type\":\"RETIRE\"}");

        CliRun run = control("retire", "--bot", "old-bot", "--reason", "decommissioned");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("accepted retire for old-bot: command_id c-3");
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/v1/control/retire");
            assertThat(r.body()).isEqualTo(JSON.valueToTree(Map.of("bot_id", "old-bot", "reason", "decommissioned")));
        });
    }

    private void startGateway(int status, String answer) throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), JSON.readTree(body)));
            byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        gateway.start();
    }

    private CliRun control(String... args) {
        List<String> commandLine = new ArrayList<>(List.of(args));
        commandLine.addAll(List.of("--gateway", "http://127.0.0.1:" + gateway.getAddress().getPort(), "--token", "operator-secret"));
        return CliRun.of(new ControlCommand(), (c, out) -> c.out = out, commandLine);
    }
}
