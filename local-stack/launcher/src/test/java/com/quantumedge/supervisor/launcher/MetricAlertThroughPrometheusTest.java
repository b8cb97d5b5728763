package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quantumedge.supervisor.localmonitoring.LocalPrometheus;
import com.quantumedge.supervisor.localmonitoring.WebhookReceiver;
import com.quantumedge.supervisor.localmonitoring.testing.MonitoringBinaries;
import com.quantumedge.supervisor.runtime.listener.SupervisedListener;

/**
 * A metric alert end to end, with real processes: the local stack ({@code up} with alerts on, no
 * ClickHouse) scraped by a real Prometheus running the shipped rules, a real Alertmanager routing to
 * the local webhook receiver. Stopping the gateway's decision consumer makes its readiness member
 * {@code replies} DOWN; ComponentNotReady ({@code for: 30s}) fires from the scraped gauge and the
 * notification reaches the receiver, and {@code ./supervisor alerts} shows both.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricAlertThroughPrometheusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home;
    private static LocalStack stack;
    private static LocalAlerting alerting;

    @BeforeAll
    static void startStack() throws Exception {
        MonitoringBinaries.assumePrometheus();
        MonitoringBinaries.assumeAlertmanager();
        home = Files.createDirectories(Path.of("target", "metric-alert-" + UUID.randomUUID()).toAbsolutePath());
        stack = LocalStack.start(new SupervisorHome(home), new LocalStack.Options(false, null, 0, null, false, null, true));
        alerting = stack.alerting().orElseThrow();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("up writes PROMETHEUS_URL and ALERTMANAGER_URL, and Prometheus scrapes every service, the gateway with the viewer token")
    void scrapesEveryService() {
        assertThat(new SupervisorHome(home).readEnv())
                .containsEntry("PROMETHEUS_URL", alerting.prometheusUrl())
                .containsEntry("ALERTMANAGER_URL", alerting.alertmanagerUrl());
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(values(alerting.prometheus(), "up")).containsOnly(
                        Map.entry("ingest-gateway", 1.0), Map.entry("risk-stream", 1.0), Map.entry("policy-service", 1.0)));
    }

    @Test
    @Order(2)
    @DisplayName("the metrics the rules read are scraped under the names the rules use")
    void ruleMetricsAreScraped() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(values(alerting.prometheus(), "supervisor_component_ready{component=\"replies\"}")).containsEntry("ingest-gateway", 1.0);
            assertThat(values(alerting.prometheus(), "supervisor_component_ready{component=\"kafka\"}")).containsEntry("ingest-gateway", 1.0);
            assertThat(values(alerting.prometheus(), "supervisor_component_ready{component=\"riskStreams\"}")).containsEntry("risk-stream", 1.0);
            assertThat(values(alerting.prometheus(), "gateway_order_check_timeouts_total")).containsKey("ingest-gateway");
            assertThat(values(alerting.prometheus(), "count by (service) (gateway_order_check_latency_seconds_bucket)"))
                    .containsKey("ingest-gateway");
            assertThat(values(alerting.prometheus(),
                    "max by (service) (kafka_consumer_fetch_manager_records_lag_max{service=\"risk-stream\", client_id!~\".*restore-consumer\"})"))
                    .containsKey("risk-stream");
        });
    }

    @Test
    @Order(3)
    @DisplayName("the gateway's decision consumer stopped: ComponentNotReady fires from the scraped gauge and reaches the webhook receiver")
    void stoppedDecisionConsumerPages() {
        long t0 = System.nanoTime();
        stack.service(LocalStack.GATEWAY).orElseThrow().context().getBean("replies", SupervisedListener.class).close();

        List<WebhookReceiver.Notification> pages = alerting.receiver().await(n -> n.status().equals("firing")
                && n.commonLabel("alertname").equals("ComponentNotReady") && n.commonLabel("component").equals("replies"),
                1, Duration.ofSeconds(120));

        JsonNode alert = pages.get(0).alerts().get(0);
        assertThat(alert.path("labels").path("service").asText()).isEqualTo("ingest-gateway");
        assertThat(alert.path("labels").path("severity").asText()).isEqualTo("page");
        assertThat(alert.path("annotations").path("summary").asText()).isEqualTo("ingest-gateway: replies not ready");
        assertThat(alert.path("annotations").path("runbook").asText()).isEqualTo("docs/operations.md#componentnotready");
        System.out.printf("ComponentNotReady notification %d ms after the consumer stopped%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    @Order(4)
    @DisplayName("./supervisor alerts shows the active alert from Alertmanager and the notification from the receiver's journal")
    void alertsCommandShowsBoth() throws Exception {
        CliRun run = CliRun.of(new AlertsCommand(), (c, out) -> c.out = out, List.of("--home", home.toString()));
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("(?m)^ComponentNotReady +page +- +ingest-gateway +active ")
                .containsPattern("(?m)^\\S+ FIRING +ComponentNotReady +- +ingest-gateway: replies not ready$");

        CliRun asJson = CliRun.of(new AlertsCommand(), (c, out) -> c.out = out, List.of("--home", home.toString(), "--json"));
        JsonNode doc = JSON.readTree(asJson.output());
        assertThat(doc.path("active").findValuesAsText("alertname")).contains("ComponentNotReady");
        assertThat(doc.path("notifications").size()).isPositive();
    }

    /** An instant query's result as service → value. */
    private static Map<String, Double> values(LocalPrometheus prometheus, String promql) throws Exception {
        JsonNode result = JSON.readTree(prometheus.query(promql)).path("data").path("result");
        Map<String, Double> byService = new TreeMap<>();
        result.forEach(r -> byService.put(r.path("metric").path("service").asText(), r.path("value").get(1).asDouble()));
        return byService;
    }
}
