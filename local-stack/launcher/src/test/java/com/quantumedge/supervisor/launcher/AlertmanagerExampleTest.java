package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quantumedge.supervisor.localmonitoring.LocalAlertmanager;
import com.quantumedge.supervisor.localmonitoring.testing.MonitoringBinaries;

/**
 * deploy/alertmanager/alertmanager.yml.example, rendered as deploy/README.md says (envsubst of the
 * four placeholders; the secret files under a directory of their own), is what Alertmanager 0.25
 * accepts, routes by severity and bot, and inhibits a halted bot's denials alert.
 */
class AlertmanagerExampleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path dir = Path.of("target", "alertmanager-example-" + UUID.randomUUID()).toAbsolutePath();
    private Path rendered;

    @BeforeEach
    void render() throws Exception {
        MonitoringBinaries.assumeAlertmanager();
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        for (String secret : List.of("smtp-password", "slack-webhook-url", "incident-webhook-token")) {
            Files.writeString(secrets.resolve(secret), "test-" + secret);
        }
        String example = Files.readString(DeployFiles.ALERTMANAGER.resolve("alertmanager.yml.example"));
        assertThat(example).contains("${TELEGRAM_BOT_TOKEN}", "${TELEGRAM_CHAT_ID}", "${TELEGRAM_OWNER_CHAT_ID}", "${INCIDENT_WEBHOOK_URL}", "/etc/alertmanager/secrets/");
        String text = example.replace("${TELEGRAM_BOT_TOKEN}", "123456:test-token")
                .replace("${TELEGRAM_CHAT_ID}", "-1001234")
                .replace("${TELEGRAM_OWNER_CHAT_ID}", "-1005678")
                .replace("${INCIDENT_WEBHOOK_URL}", "http://127.0.0.1:9/incidents")
                .replace("/etc/alertmanager/secrets/", secrets + "/");
        assertThat(text.lines().filter(l -> !l.strip().startsWith("#")))
                .as("every placeholder is one deploy/README.md renders").noneMatch(l -> l.contains("${"));
        rendered = dir.resolve("alertmanager.yml");
        Files.writeString(rendered, text);
    }

    @Test
    @DisplayName("amtool check-config accepts it: the *_file secrets exist in 0.25, four receivers, two inhibitions")
    void amtoolAcceptsIt() throws Exception {
        DeployFiles.Run check = DeployFiles.run(dir, List.of(amtool(), "check-config", rendered.toString()));

        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS", "4 receivers", "2 inhibit rules");
    }

    @Test
    @DisplayName("a page for qe-bot-1 reaches the incident webhook, the bot owner's Telegram and on-call; a ticket for another bot the webhook and email")
    void routesBySeverityAndBot() throws Exception {
        assertThat(route("alertname=TradingHalted", "severity=page", "bot_id=qe-bot-1"))
                .isEqualTo("incident-webhook,bot-owner-telegram,oncall-pages");
        assertThat(route("alertname=OrderDenials", "severity=ticket", "bot_id=qe-bot-2")).isEqualTo("incident-webhook,ops-email");
    }

    @Test
    @DisplayName("in a running Alertmanager, TradingHalted of a bot suppresses that bot's OrderDenials and no other bot's")
    void haltInhibitsTheSameBotsDenials() throws Exception {
        try (LocalAlertmanager alertmanager = LocalAlertmanager.start(dir.resolve("server"), Files.readString(rendered))) {
            post(alertmanager, List.of(
                    alert("TradingHalted", "page", "qe-bot-1"),
                    alert("OrderDenials", "ticket", "qe-bot-1"),
                    alert("OrderDenials", "ticket", "qe-bot-2")));

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                JsonNode alerts = JSON.readTree(get(alertmanager, "/api/v2/alerts"));
                assertThat(state(alerts, "OrderDenials", "qe-bot-1")).isEqualTo("suppressed");
                assertThat(state(alerts, "OrderDenials", "qe-bot-2")).isEqualTo("active");
                assertThat(state(alerts, "TradingHalted", "qe-bot-1")).isEqualTo("active");
            });
        }
    }

    private String route(String... labels) throws Exception {
        List<String> command = new ArrayList<>(List.of(amtool(), "config", "routes", "test", "--config.file=" + rendered));
        command.addAll(List.of(labels));
        DeployFiles.Run run = DeployFiles.run(dir, command);
        assertThat(run.exit()).as(run.output()).isZero();
        return run.output().lines().filter(l -> !l.startsWith("Warning")).findFirst().orElse("").trim();
    }

    private static String amtool() {
        return LocalAlertmanager.binary().orElseThrow().resolveSibling("amtool").toString();
    }

    private static Map<String, Object> alert(String name, String severity, String bot) {
        return Map.of("labels", Map.of("alertname", name, "severity", severity, "bot_id", bot, "service", "test"),
                "annotations", Map.of("summary", name + " " + bot),
                "startsAt", Instant.now().toString());
    }

    private static String state(JsonNode alerts, String name, String bot) {
        for (JsonNode a : alerts) {
            if (a.path("labels").path("alertname").asText().equals(name) && a.path("labels").path("bot_id").asText().equals(bot)) {
                return a.path("status").path("state").asText();
            }
        }
        return "absent";
    }

    private static void post(LocalAlertmanager alertmanager, List<Map<String, Object>> alerts) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(alerts))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String get(LocalAlertmanager alertmanager, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
