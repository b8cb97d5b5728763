package com.quantumedge.supervisor.localmonitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.localmonitoring.testing.MonitoringBinaries;

/** The real Debian binaries, started the way ./supervisor up and the alert tests start them. */
class LocalMonitoringTest {

    private static final Path TARGET = Path.of("target", "local-monitoring-test");

    @BeforeAll
    static void binaries() {
        MonitoringBinaries.assumeAlertmanager();
        MonitoringBinaries.assumePrometheus();
    }

    static String alertmanagerConfig(WebhookReceiver receiver) {
        return """
                route:
                  receiver: local
                  group_by: [alertname, bot_id]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                  - name: local
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(receiver.url());
    }

    @Test
    void anAlertPostedToAlertmanagerReachesTheReceiverAndIsJournaled() throws Exception {
        Path dir = TARGET.resolve("posted-" + System.nanoTime());
        Path journal = dir.resolve("notifications.jsonl");
        try (WebhookReceiver receiver = WebhookReceiver.start(journal);
                LocalAlertmanager alertmanager = LocalAlertmanager.start(dir.resolve("am"), alertmanagerConfig(receiver))) {
            String alert = """
                    [{"labels":{"alertname":"TradingHalted","bot_id":"bot-1","severity":"page"},
                      "annotations":{"summary":"bot-1 halted by alice: drawdown"},
                      "startsAt":"%s"}]
                    """.formatted(Instant.now());
            HttpResponse<String> posted = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(alert)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

            WebhookReceiver.Notification n = receiver.await(x -> "TradingHalted".equals(x.commonLabel("alertname")), 1,
                    Duration.ofSeconds(20)).get(0);
            assertThat(n.status()).isEqualTo("firing");
            assertThat(n.alerts()).singleElement().satisfies(a ->
                    assertThat(a.path("annotations").path("summary").asText()).isEqualTo("bot-1 halted by alice: drawdown"));
            assertThat(WebhookReceiver.readJournal(journal)).extracting(x -> x.commonLabel("bot_id")).contains("bot-1");
        }
    }

    @Test
    void aPrometheusRuleFiresThroughAlertmanagerToTheReceiver() {
        Path dir = TARGET.resolve("rule-" + System.nanoTime());
        try (WebhookReceiver receiver = WebhookReceiver.start(null);
                LocalAlertmanager alertmanager = LocalAlertmanager.start(dir.resolve("am"), alertmanagerConfig(receiver))) {
            java.nio.file.Files.createDirectories(dir.resolve("prom"));
            java.nio.file.Files.writeString(dir.resolve("prom").resolve("rules.yml"), """
                    groups:
                      - name: always
                        interval: 1s
                        rules:
                          - alert: AlwaysFiring
                            expr: vector(1) > 0
                            labels: {severity: ticket}
                    """);
            String config = """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    rule_files: [rules.yml]
                    alerting:
                      alertmanagers:
                        - static_configs: [{targets: ['127.0.0.1:%d']}]
                    """.formatted(alertmanager.port());
            try (LocalPrometheus prometheus = LocalPrometheus.start(dir.resolve("prom"), config)) {
                receiver.await(x -> "AlwaysFiring".equals(x.commonLabel("alertname")), 1, Duration.ofSeconds(30));
                assertThat(prometheus.get("/api/v1/alerts")).contains("AlwaysFiring");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
