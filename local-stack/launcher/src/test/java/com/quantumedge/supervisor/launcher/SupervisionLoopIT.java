package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.apache.avro.generic.IndexedRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.json.AvroJson;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;

/**
 * The supervision loop with real processes end to end: a sim-bot that hangs after 5 s of work, run
 * by the process agent; the policy (thresholds in seconds through the environment) restarts it, the
 * bot's heartbeats resume, it hangs again, and after the restart budget the policy halts trading and
 * escalates. Then operator commands through the gateway reach the agent and are acknowledged, a job
 * among them. Then the bot crashes at every start: the agent's restarts run into its start limit,
 * the policy halts for the crash loop and restarts the silent bot. Finally the whole recording is
 * replayed through the policy.
 */
class SupervisionLoopIT {

    private static final java.nio.file.Path ROOT = java.nio.file.Path.of("../..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FAST_POLICY = Map.of(
            "SUPERVISOR_POLICY_HEARTBEAT_STALEAFTER", "4s",
            "SUPERVISOR_POLICY_HEARTBEAT_RESTARTAFTER", "8s",
            "SUPERVISOR_POLICY_RESTART_COOLDOWN", "5s",
            "SUPERVISOR_POLICY_RESTART_MAXPERWINDOW", "2",
            "SUPERVISOR_POLICY_RESTART_WINDOW", "10m");
    private final java.nio.file.Path home = java.nio.file.Path.of("target", "loop-home-" + UUID.randomUUID()).toAbsolutePath();
    private final long startedNanos = System.nanoTime();

    @AfterEach
    void down() throws Exception {
        run("down");
    }

    @Test
    @DisplayName("a hung bot is restarted by policy, resumes, and after the budget trading halts with ESCALATED; operator commands "
            + "are acknowledged; a crashing bot ends FAILED and is restarted by policy; the replay reproduces every command")
    void hangsCrashesOperatorCommandsAndReplay() throws Exception {
        String startedAt = Instant.now().minusSeconds(5).toString();
        Result up = run("up", "--detach", "--no-build", "--no-clickhouse", "--demo", "--demo-behaviour", "hang");
        assertThat(up.exit()).as(up.output()).isZero();
        String bot = new SupervisorHome(home).readEnv().get("BOT_ID");
        phase("up");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(values("sup.control-commands.v1", bot)).anySatisfy(c -> {
                    assertThat(c.path("command_type").asText()).isEqualTo("RESTART");
                    assertThat(c.path("issued_by").asText()).startsWith("policy:");
                }));
        String restartId = values("sup.control-commands.v1", bot).stream()
                .filter(c -> c.path("command_type").asText().equals("RESTART")).findFirst().orElseThrow().path("command_id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(values("sup.agent-status.v1", bot)).anySatisfy(s -> {
                    assertThat(s.path("command_id").asText()).isEqualTo(restartId);
                    assertThat(s.path("ack").asText()).isEqualTo("DONE");
                }));
        long restartedAt = values("sup.control-commands.v1", bot).stream()
                .filter(c -> c.path("command_id").asText().equals(restartId)).findFirst().orElseThrow().path("ts_ms").asLong();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(values("qe.heartbeats.v1", bot)).as("heartbeats resume after the restart")
                        .anySatisfy(h -> assertThat(h.path("received_ts_ms").asLong()).isGreaterThan(restartedAt)));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(values("sup.events.v1", bot)).anySatisfy(e -> assertThat(e.path("event_type").asText()).isEqualTo("ESCALATED"));
            assertThat(status(bot).path("trading_state").asText()).isEqualTo("HALTED");
        });
        phase("hangs, restarts and escalation");

        for (String[] command : List.of(new String[] {"set-mode", "--mode", "live"}, new String[] {"stop"}, new String[] {"start"},
                new String[] {"run-job", "--job", "java-version"})) {
            acknowledgedDone(bot, command);
        }
        phase("operator commands");

        // The bot's next start crashes after 1 s: the agent restarts it locally until its start limit leaves
        // it FAILED; the policy sees the crash loop (HALT) and, once the bot has been silent for T2, restarts it.
        java.nio.file.Files.writeString(home.resolve("agent").resolve("sim-bot.options"), "--mode crash --crash-after-s 1\n");
        String operatorRestartId = acknowledgedDone(bot, new String[] {"restart"});
        long operatorRestartAt = values("sup.control-commands.v1", bot).stream()
                .filter(c -> c.path("command_id").asText().equals(operatorRestartId)).findFirst().orElseThrow().path("ts_ms").asLong();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<JsonNode> states = values("sup.agent-status.v1", bot).stream()
                    .filter(s -> s.path("kind").asText().equals("PROCESS_STATE") && s.path("ts_ms").asLong() > operatorRestartAt).toList();
            assertThat(states).as("crashes").anySatisfy(s -> {
                assertThat(s.path("process_state").asText()).isEqualTo("EXITED");
                assertThat(s.path("exit_code").asInt()).isEqualTo(1);
            });
            assertThat(states).as("start limit").anySatisfy(s -> assertThat(s.path("process_state").asText()).isEqualTo("FAILED"));
            assertThat(values("sup.events.v1", bot)).anySatisfy(e -> assertThat(e.path("event_type").asText()).isEqualTo("CRASH_LOOP"));
        });
        long failedAt = values("sup.agent-status.v1", bot).stream()
                .filter(s -> s.path("process_state").asText().equals("FAILED") && s.path("ts_ms").asLong() > operatorRestartAt)
                .mapToLong(s -> s.path("ts_ms").asLong()).min().orElseThrow();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(policyRestartsAfter(bot, failedAt)).as("the policy restarts the FAILED, silent bot").isNotEmpty());
        JsonNode crashRestart = policyRestartsAfter(bot, failedAt).get(0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(values("sup.agent-status.v1", bot)).anySatisfy(s -> {
                    assertThat(s.path("command_id").asText()).isEqualTo(crashRestart.path("command_id").asText());
                    assertThat(s.path("ack").asText()).isEqualTo("DONE");
                }));
        phase("crash loop and policy restart");

        // Backtest: the recorded scenario (hangs, crashes, restarts, escalation, crash loop, operator commands)
        // replayed with the policy that ran reproduces every recorded command; a slower policy prints a diff.
        String to = Instant.now().minusSeconds(1).toString();
        java.nio.file.Path running = home.resolve("policy-fast.yml");
        java.nio.file.Files.writeString(running, "supervisor:\n  policy:\n    heartbeat:\n      stale-after: 4s\n      restart-after: 8s\n"
                + "    restart:\n      cooldown: 5s\n      max-per-window: 2\n      window: 10m\n");
        Result same = run("replay", "--from", startedAt, "--to", to, "--bot", bot, "--policy", running.toString(), "--expect-same");
        assertThat(same.exit()).as(same.output()).isZero();
        assertThat(same.output()).contains("(100.0% reproduced)")
                .containsPattern("(?m)^  event .* CRITICAL CRASH_LOOP:")
                .containsPattern("(?m)^  command " + Instant.ofEpochMilli(crashRestart.path("ts_ms").asLong())
                        + " " + bot + " RESTART by policy:heartbeat-stale-restart");
        Result slower = run("replay", "--from", startedAt, "--to", to, "--bot", bot, "--expect-same");
        assertThat(slower.exit()).as(slower.output()).isEqualTo(1);
        assertThat(slower.output()).containsPattern("(?m)^- .*RESTART")
                .as("the crash-driven restart is one of the differences")
                .containsPattern("(?m)^- " + crashRestart.path("ts_ms").asLong() + " " + bot + " RESTART by policy:");
        phase("replays");
    }

    /** Sends an operator command through the CLI; returns its id once the agent acknowledged it DONE and it is audited. */
    private String acknowledgedDone(String bot, String[] command) throws Exception {
        List<String> args = new ArrayList<>(List.of("control", command[0], "--bot", bot, "--reason", "loop test " + command[0], "--json"));
        args.addAll(List.of(command).subList(1, command.length));
        Result sent = run(args.toArray(String[]::new));
        assertThat(sent.exit()).as(sent.output()).isZero();
        String commandId = JSON.readTree(sent.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow())
                .path("command_id").asText();
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(values("sup.agent-status.v1", bot)).as(command[0] + " acknowledged").anySatisfy(s -> {
                    assertThat(s.path("command_id").asText()).isEqualTo(commandId);
                    assertThat(s.path("ack").asText()).isEqualTo("DONE");
                }));
        assertThat(values("sup.operator-commands.v1", bot)).as(command[0] + " audited").anySatisfy(c -> {
            assertThat(c.path("command_id").asText()).isEqualTo(commandId);
            assertThat(c.path("issued_by").asText()).isNotBlank();
            assertThat(c.path("reason").asText()).isEqualTo("loop test " + command[0]);
        });
        return commandId;
    }

    private List<JsonNode> policyRestartsAfter(String bot, long tsMs) throws Exception {
        return values("sup.control-commands.v1", bot).stream()
                .filter(c -> c.path("command_type").asText().equals("RESTART") && c.path("issued_by").asText().startsWith("policy:")
                        && c.path("ts_ms").asLong() > tsMs)
                .toList();
    }

    private JsonNode status(String bot) throws Exception {
        Result r = run("status", "--bot", bot, "--json");
        assertThat(r.exit()).as(r.output()).isZero();
        return JSON.readTree(r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    }

    /**
     * One bot's decoded records of a topic, read in this JVM: polling through {@code ./supervisor tail} would cost a
     * JVM start and its idle wait per poll (tail itself is covered by DemoLoopIT and TailCommandTest).
     */
    private List<JsonNode> values(String topic, String bot) {
        TopicSpec<?> spec = Topics.byName(topic).orElseThrow();
        KafkaClientSettings kafka = KafkaClientSettings.bootstrap(new SupervisorHome(home).readEnv().get("KAFKA_BOOTSTRAP"));
        List<JsonNode> out = new ArrayList<>();
        for (RecordedTopics.Recorded r : RecordedTopics.read(kafka, "supervision-loop-it", List.of(spec), 0, Long.MAX_VALUE, bot)) {
            IndexedRecord value = (IndexedRecord) spec.valueSerde().deserializer().deserialize(topic, r.value());
            out.add(AvroJson.toNode(value, value.getSchema()));
        }
        return out;
    }

    private void phase(String name) {
        System.out.printf("%s phase %s done after %d s%n", Instant.now(), name, (System.nanoTime() - startedNanos) / 1_000_000_000);
    }

    private record Result(int exit, String output) {
    }

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("supervisor").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("SUPERVISOR_HOME", home.toString());
        pb.environment().remove("GATEWAY_URL");
        pb.environment().remove("KAFKA_BOOTSTRAP");
        pb.environment().putAll(FAST_POLICY);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./supervisor " + String.join(" ", args) + " did not finish: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
