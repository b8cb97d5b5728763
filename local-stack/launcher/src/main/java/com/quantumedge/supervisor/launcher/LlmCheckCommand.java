package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The original {@code llm-check}, on demand: asks the policy service's LLM advisor to review one bot now
 * (an audited LLM_CHECK operator command) and prints its answer, which comes back as a supervisor event
 * under the command's id: the advice and what the trust policy made of it, or why there is none.
 */
@Command(name = "llm-check", mixinStandardHelpOptions = true,
        description = "Ask the LLM advisor to review a bot now and print its advice (the advisor must be enabled "
                + "in mode advise or apply on the policy service).")
final class LlmCheckCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(500);

    @Mixin
    GatewayClient gateway;

    @Option(names = "--bot", required = true, description = "Bot id")
    String bot;

    @Option(names = "--reason", required = true, description = "Why (recorded with your identity)")
    String reason;

    @Option(names = "--wait", defaultValue = "90s",
            description = "How long to wait for the answer, e.g. 90s (default ${DEFAULT-VALUE}; 0s: do not wait)")
    String waitFor;

    @Option(names = "--json", description = "Print the answering event as JSON")
    boolean json;

    PrintStream out = System.out;

    @Override
    public Integer call() throws InterruptedException {
        Duration wait = Durations.parse(waitFor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bot_id", bot);
        body.put("reason", reason);
        GatewayClient.Reply reply = gateway.post("/api/v1/control/llm-check", body, "OPERATOR_TOKEN");
        if (!reply.ok()) {
            out.printf("refused (%d) %s%n", reply.status(), reply.error());
            out.flush();
            return 1;
        }
        String commandId = reply.body().path("command_id").asText();
        if (wait.isZero()) {
            out.printf("accepted llm-check for %s: command_id %s%n", bot, commandId);
            out.flush();
            return 0;
        }
        Optional<JsonNode> answer = awaitAnswer(commandId, wait);
        if (answer.isEmpty()) {
            out.printf("no answer to llm-check %s within %s: is the LLM advisor enabled on the policy service "
                    + "(supervisor.policy.advisor.enabled, mode advise or apply) and reachable? "
                    + "A slow model may still answer: ./supervisor tail sup.events.v1 --bot %s%n", commandId, waitFor, bot);
            out.flush();
            return 2;
        }
        JsonNode event = answer.get();
        if (json) {
            out.println(event);
        } else {
            print(event);
        }
        out.flush();
        return "ALERT".equals(event.path("type").asText()) && event.path("details").has("action") ? 0 : 1;
    }

    private Optional<JsonNode> awaitAnswer(String commandId, Duration wait) throws InterruptedException {
        String path = "/api/v1/dashboard/events?limit=1000&types=ALERT,OPERATOR_COMMAND_REJECTED&bot_id="
                + URLEncoder.encode(bot, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            for (JsonNode event : gateway.get(path).path("events")) {
                if (commandId.equals(event.path("correlation_id").asText())) {
                    return Optional.of(event);
                }
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void print(JsonNode event) {
        JsonNode details = event.path("details");
        if (!details.has("action")) {
            out.printf("%s: %s%n", event.path("type").asText(), event.path("message").asText());
            return;
        }
        out.printf("LLM advice for %s: %s%n", bot, details.path("action").asText());
        out.printf("  reason:  %s%n", details.path("reason").asText());
        out.printf("  outcome: %s (applied: %s)%n", details.path("outcome").asText(), details.path("applied").asText());
        if (details.has("risk_multiplier")) {
            out.printf("  risk multiplier: %s%n", details.path("risk_multiplier").asText());
        }
        if (details.has("command_id")) {
            out.printf("  issued command: %s%n", details.path("command_id").asText());
        }
        out.printf("  model %s, snapshot %s, at %s%n", details.path("model").asText(), details.path("snapshot_id").asText(),
                event.path("timestamp").asText());
    }
}
