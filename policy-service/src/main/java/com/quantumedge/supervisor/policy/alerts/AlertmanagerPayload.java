package com.quantumedge.supervisor.policy.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.AlertState;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts}: one object per alert with labels (identity:
 * Alertmanager groups, routes, silences and deduplicates on them), annotations, {@code startsAt} and,
 * once resolved, {@code endsAt}. A firing alert has no {@code endsAt}: Alertmanager keeps it
 * firing for its {@code resolve_timeout}, which the notifier's resends renew.
 */
final class AlertmanagerPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AlertmanagerPayload() {
    }

    /** @param now the sender's clock: an end in the future (a producer's clock ahead) is sent as now, or it would keep firing */
    static String of(Collection<Alert> alerts, Instant now) {
        ArrayNode array = JSON.createArrayNode();
        for (Alert alert : alerts) {
            array.add(alert(alert, now));
        }
        return JSON.writeValueAsString(array);
    }

    /** The Alertmanager labels of an alert: alertname, bot_id (none for '*'), severity, service, then its own. */
    static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new java.util.TreeMap<>(alert.getLabels());
        labels.put("alertname", alert.getAlertname());
        if (!DeadLetterAlertsProcessor.BOT.equals(alert.getBotId())) {
            labels.put("bot_id", alert.getBotId());
        }
        labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put("service", alert.getService());
        return labels;
    }

    private static ObjectNode alert(Alert alert, Instant now) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode labels = node.putObject("labels");
        labels(alert).forEach(labels::put);
        ObjectNode annotations = node.putObject("annotations");
        annotations.put("summary", alert.getSummary());
        annotations.put("description", alert.getDescription());
        if (!alert.getCommand().isEmpty()) {
            annotations.put("command", alert.getCommand());
        }
        node.put("startsAt", Instant.ofEpochMilli(alert.getStartsAtMs()).toString());
        if (alert.getState() == AlertState.RESOLVED && alert.getEndsAtMs() != null) {
            Instant end = Instant.ofEpochMilli(alert.getEndsAtMs());
            node.put("endsAt", (end.isAfter(now) ? now : end).toString());
        }
        return node;
    }
}
