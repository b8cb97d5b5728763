package com.quantumedge.supervisor.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.quantumedge.supervisor.localmonitoring.WebhookReceiver;

/**
 * What is alerting now (Alertmanager's API v2) beside what was sent: the notifications the local
 * webhook receiver of {@code ./supervisor up} got, newest last.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Active alerts from Alertmanager (ALERTMANAGER_URL of local.env) and the latest notifications the local receiver got.")
final class AlertsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Option(names = "--home", description = "Runtime directory (default: $SUPERVISOR_HOME or .supervisor)")
    Path home;

    @Option(names = "--alertmanager", description = "Alertmanager URL (default: ALERTMANAGER_URL of local.env)")
    String alertmanager;

    @Option(names = "--last", defaultValue = "20", description = "How many notifications to show (default: ${DEFAULT-VALUE})")
    int last;

    @Option(names = "--json", description = "Print {\"active\": [...], \"notifications\": [...]} as JSON")
    boolean json;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        SupervisorHome dir = SupervisorHome.resolve(home);
        String url = alertmanager != null ? alertmanager : dir.env("ALERTMANAGER_URL").orElseThrow(() -> new IllegalStateException(
                "no ALERTMANAGER_URL in " + dir.envFile() + ": is ./supervisor up running with Prometheus and Alertmanager installed?"));
        JsonNode active = activeAlerts(url);
        List<WebhookReceiver.Notification> all = WebhookReceiver.readJournal(LocalAlerting.journal(dir));
        List<WebhookReceiver.Notification> recent = all.subList(Math.max(0, all.size() - last), all.size());
        if (json) {
            ObjectNode doc = JSON.createObjectNode();
            doc.set("active", active);
            ArrayNode notifications = doc.putArray("notifications");
            recent.forEach(n -> notifications.addObject().put("received_at", n.receivedAt().toString()).set("payload", n.payload()));
            out.println(JSON.writeValueAsString(doc));
            return 0;
        }
        out.printf("%d active alert(s) at %s%n", active.size(), url);
        out.printf("%-22s %-7s %-14s %-16s %-10s %-24s %s%n", "ALERT", "SEVERITY", "BOT", "SERVICE", "STATE", "SINCE", "SUMMARY");
        for (JsonNode a : active) {
            JsonNode labels = a.path("labels");
            out.printf("%-22s %-7s %-14s %-16s %-10s %-24s %s%n", labels.path("alertname").asText(), labels.path("severity").asText("-"),
                    labels.path("bot_id").asText("-"), labels.path("service").asText("-"), a.path("status").path("state").asText(),
                    a.path("startsAt").asText(), a.path("annotations").path("summary").asText(""));
        }
        out.printf("%nlast %d of %d notification(s) to the local receiver (%s)%n", recent.size(), all.size(), LocalAlerting.journal(dir));
        for (WebhookReceiver.Notification n : recent) {
            for (JsonNode a : n.alerts()) {
                out.printf("%s %-8s %-22s %-14s %s%n", n.receivedAt(), a.path("status").asText(n.status()).toUpperCase(),
                        a.path("labels").path("alertname").asText(), a.path("labels").path("bot_id").asText("-"),
                        a.path("annotations").path("summary").asText(""));
            }
        }
        out.flush();
        return 0;
    }

    private static JsonNode activeAlerts(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts")).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Alertmanager " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Alertmanager " + url + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
