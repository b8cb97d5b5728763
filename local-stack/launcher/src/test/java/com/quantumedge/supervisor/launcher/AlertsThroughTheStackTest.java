package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.quantumedge.supervisor.localmonitoring.WebhookReceiver;
import com.quantumedge.supervisor.localmonitoring.testing.MonitoringBinaries;
import com.quantumedge.supervisor.simbot.SimBot;

/**
 * A supervision alert end to end, with real processes, as {@code ./supervisor up --demo} runs it with
 * alerting on (no ClickHouse): an operator halts the demo bot through the gateway's control API; the
 * policy service's alert component posts {@code BotHalted} to the stack's real Alertmanager, which
 * sends one grouped notification to the local webhook receiver within its group wait; {@code
 * ./supervisor alerts} shows it, and {@code ./supervisor status} from the gateway's view of {@code
 * sup.alerts.v1}; resume resolves it, and nothing fires a second time.
 */
class AlertsThroughTheStackTest {

    /** The local Alertmanager's group_wait (LocalAlerting) plus the alert component's post and a margin. */
    private static final Duration FIRST_PAGE_WITHIN = Duration.ofSeconds(15);
    /** After resume: the alert component posts the end at once, Alertmanager sends it at the next group_interval (30 s). */
    private static final Duration RESOLVED_WITHIN = Duration.ofSeconds(45);

    private static Path home;
    private static LocalStack stack;
    private static LocalAlerting alerting;

    @BeforeAll
    static void startStack() throws Exception {
        MonitoringBinaries.assumePrometheus();
        MonitoringBinaries.assumeAlertmanager();
        home = Files.createDirectories(Path.of("target", "alerts-stack-" + UUID.randomUUID()).toAbsolutePath());
        stack = LocalStack.start(new SupervisorHome(home),
                new LocalStack.Options(true, "normal", 0, simBotClasses(), false, null, true));
        alerting = stack.alerting().orElseThrow();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @DisplayName("halt the demo bot: one BotHalted notification naming bot, operator and reason within the group wait; "
            + "./supervisor alerts and status show it; resume: a resolved notification and no second firing one")
    void haltPagesOnceAndResumeResolves() throws Exception {
        Map<String, String> env = stack.env();
        String bot = env.get("BOT_ID");
        String operator = env.get("OPERATOR_TOKEN");
        StackHttp gateway = new StackHttp(env.get("GATEWAY_URL"));
        String operatorName = gateway.get("/api/v1/session", operator).path("name").asText();
        String reason = "exchange maintenance " + UUID.randomUUID().toString().substring(0, 8);

        long t0 = System.nanoTime();
        HttpResponse<String> halt = gateway.post("/api/v1/control/halt", operator, Map.of("bot_id", bot, "reason", reason));
        assertThat(halt.statusCode()).as(halt.body()).isEqualTo(202);

        List<WebhookReceiver.Notification> firing = alerting.receiver().await(n -> isBotHalted(n, "firing"), 1, FIRST_PAGE_WITHIN);
        long firstPageMs = (System.nanoTime() - t0) / 1_000_000;
        JsonNode alert = firing.get(0).alerts().get(0);
        assertThat(firing.get(0).alerts()).as("one alert in the group").hasSize(1);
        assertThat(alert.path("labels").path("bot_id").asText()).isEqualTo(bot);
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(alert.path("annotations").path("summary").asText()).contains(bot).contains("HALTED");
        String description = alert.path("annotations").path("description").asText();
        assertThat(description).as("who halted it and why").contains("by operator " + operatorName + ": " + reason);
        System.out.printf("BotHalted notification %d ms after the halt%n", firstPageMs);

        CliRun run = CliRun.of(new AlertsCommand(), (c, out) -> c.out = out, List.of("--home", home.toString()));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("(?m)^BotHalted +critical +" + bot + " +risk-stream +active ")
                .containsPattern("(?m)^\\S+ FIRING +BotHalted +" + bot + " +Trading of " + bot + " is HALTED");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            CliRun status = CliRun.of(new StatusCommand(), (c, out) -> c.out = out,
                    List.of("--bot", bot, "--gateway", env.get("GATEWAY_URL"), "--token", env.get("VIEWER_TOKEN")));
            assertThat(status.exit()).as(status.output()).isZero();
            assertThat(status.output()).containsPattern("(?m)^" + bot + " +HALTED .* BotHalted$")
                    .containsPattern("(?m)^    alert BotHalted CRITICAL since \\S+: Trading of " + bot + " is HALTED");
        });

        HttpResponse<String> resume = gateway.post("/api/v1/control/resume", operator, Map.of("bot_id", bot, "reason", "maintenance over"));
        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(202);
        long t1 = System.nanoTime();
        alerting.receiver().await(n -> isBotHalted(n, "resolved"), 1, RESOLVED_WITHIN);
        System.out.printf("BotHalted resolved notification %d ms after the resume%n", (System.nanoTime() - t1) / 1_000_000);

        assertThat(alerting.receiver().notifications().stream().filter(n -> isBotHalted(n, "firing")))
                .as("exactly one firing BotHalted notification").hasSize(1);
    }

    private static boolean isBotHalted(WebhookReceiver.Notification n, String status) {
        return n.status().equals(status) && n.alerts().stream().anyMatch(a -> a.path("labels").path("alertname").asText().equals("BotHalted"));
    }

    /** The sim-bot as the demo runs it: its classes (a folder in the reactor, a jar otherwise) are all it needs. */
    private static Path simBotClasses() throws URISyntaxException {
        return Path.of(SimBot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
