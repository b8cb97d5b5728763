package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The newcomer's path: {@code ./supervisor up --detach --demo}, then watch and steer the simulated
 * bot with the CLI, then {@code down}. Everything runs for real: broker, services, agent, sim-bot.
 */
class DemoLoopIT {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home = Path.of("target", "demo-home-" + UUID.randomUUID()).toAbsolutePath();

    @AfterEach
    void down() throws Exception {
        run("down");
    }

    @Test
    @DisplayName("up --demo shows heartbeats, decisions, fills and PnL moving; operators halt and resume; down stops the bot too")
    void demoLoop() throws Exception {
        long t0 = System.nanoTime();
        Result up = run("up", "--detach", "--no-build", "--demo");
        long readyMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(up.exit()).as(up.output()).isZero();
        long stackPid = Long.parseLong(Files.readString(home.resolve("stack.pid")).trim());
        System.out.printf("demo READY after %d ms (reported: %s)%n", readyMs, readyLine(up.output()));

        String bot = new SupervisorHome(home).readEnv().get("BOT_ID");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode status = json(run("status", "--bot", bot, "--json"));
            assertThat(status.path("heartbeat_status").asText()).isEqualTo("ok");
            assertThat(status.path("process_state").asText()).isEqualTo("RUNNING");
            assertThat(status.path("trading_state").asText()).isEqualTo("ACTIVE");
            assertThat(status.path("positions").size()).as("fills applied").isGreaterThan(0);
            assertThat(status.path("total_pnl").isNumber()).isTrue();
        });
        long botPid = json(run("status", "--bot", bot, "--json")).path("pid").asLong();
        assertThat(ProcessHandle.of(botPid).map(ProcessHandle::isAlive)).contains(true);

        Result human = run("status");
        assertThat(human.output()).containsPattern(bot + " +ACTIVE +ok ");

        Result decisions = run("tail", "qe.order-decisions.v1", "--from-beginning", "--bot", bot, "--max", "3", "--idle-exit", "20s");
        assertThat(decisions.output().lines().filter(l -> l.startsWith("{")).count()).isEqualTo(3);

        Result halt = run("control", "halt", "--bot", bot, "--reason", "demo test halts");
        assertThat(halt.output()).contains("accepted halt");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(json(run("status", "--bot", bot, "--json")).path("trading_state").asText()).isEqualTo("HALTED"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(run("tail", "qe.order-decisions.v1", "--since", "5s", "--bot", bot, "--max", "1", "--idle-exit", "15s").output())
                        .contains("\"code\":\"TRADING_HALTED\""));
        run("control", "resume", "--bot", bot, "--reason", "demo test resumes");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(json(run("status", "--bot", bot, "--json")).path("trading_state").asText()).isEqualTo("ACTIVE"));

        Result diag = run("diag");
        assertThat(diag.output()).containsPattern("(?m)^ok +kafka").containsPattern("(?m)^ok +gateway").containsPattern("(?m)^ok +agents");
        assertThat(diag.output()).as("with the default limits no check is off")
                .containsPattern("(?m)^ok +limits +every risk check is on").doesNotContainPattern("(?m)^WARN +limits");

        JsonNode fatFinger = evaluate(Map.of("symbol", "ETHUSDT", "side", "BUY", "order_type", "LIMIT", "quantity", 1e9, "price", 3_000));
        assertThat(fatFinger.path("allowed").asBoolean()).as(fatFinger.toString()).isFalse();
        assertThat(fatFinger.path("code").asText()).as("denied by a size, notional or exposure check under the default limits")
                .isIn("QTY_EXCEEDS_MAX", "NOTIONAL_EXCEEDS_MAX", "SYMBOL_EXPOSURE_EXCEEDS_MAX", "GROSS_EXPOSURE_EXCEEDS_MAX");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(run("tail", "qe.order-decisions.v1", "--since", "10s", "--bot", bot, "--max", "5", "--idle-exit", "15s").output())
                        .as("the demo bot keeps trading under the default limits").contains("\"code\":\"OK\""));

        if (new SupervisorHome(home).readEnv().containsKey("CLICKHOUSE_URL")) {
            assertThat(diag.exit()).as(diag.output()).isZero();
            assertThat(diag.output()).containsPattern("(?m)^ok +clickhouse ").containsPattern("(?m)^ok +clickhouse schema +supervisor at schema v");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                Result audit = run("audit", "--bot", bot);
                assertThat(audit.output()).contains("# Audit report: " + bot).containsPattern("\\| fills \\| [1-9]")
                        .containsPattern("\\| halts \\| [1-9]").contains("TRADING_HALTED");
            });
        } else {
            assertThat(System.getenv("CI")).as("under CI ClickHouse must be there").isNotEqualTo("true");
        }

        long rssKb = residentKb(stackPid);
        System.out.printf("demo stack resident memory %d MiB%n", rssKb / 1024);
        assertThat(rssKb).as("resident memory of the whole stack").isLessThan(1024 * 1024);

        assertThat(run("down").exit()).isZero();
        assertThat(ProcessHandle.of(stackPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessHandle.of(botPid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** An order check as the demo bot makes it, with its token. */
    private JsonNode evaluate(Map<String, Object> order) throws Exception {
        Map<String, String> env = new SupervisorHome(home).readEnv();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.get("GATEWAY_URL") + "/api/v1/risk/evaluate"))
                .header("Authorization", "Bearer " + env.get("BOT_TOKEN")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(order))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String readyLine(String output) {
        Matcher m = Pattern.compile("(?m)^READY in (\\d+) ms").matcher(output);
        return m.find() ? m.group() : "?";
    }

    private static long residentKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS for " + pid);
    }

    private static JsonNode json(Result r) throws Exception {
        assertThat(r.exit()).as(r.output()).isZero();
        String body = r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError(r.output()));
        return JSON.readTree(body);
    }

    private record Result(int exit, String output) {
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("supervisor").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SUPERVISOR_HOME", home.toString());
        env.remove("GATEWAY_URL");
        env.remove("KAFKA_BOOTSTRAP");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./supervisor " + String.join(" ", args) + " did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
