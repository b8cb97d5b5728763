package com.quantumedge.supervisor.policy.alerts;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.AlertState;

/**
 * Builds the records of {@code sup.alerts.v1}. Ids are name-based on key, state and event time, so
 * reprocessing an input yields the same record.
 */
final class AlertRecords {

    private AlertRecords() {
    }

    /** A firing alert of {@code kind} for {@code botId}, begun at {@code startsAtMs} (event time). */
    static Alert firing(AlertKind kind, String botId, String detail, long startsAtMs, long tsMs, Map<String, String> labels,
            String summary, String description, String command) {
        String key = kind.key(botId, detail);
        return Alert.newBuilder()
                .setEventId(id(key, AlertState.FIRING, tsMs))
                .setBotId(botId)
                .setTsMs(tsMs)
                .setAlertKey(key)
                .setAlertname(kind.alertname())
                .setSeverity(kind.severity())
                .setService(kind.service())
                .setState(AlertState.FIRING)
                .setStartsAtMs(startsAtMs)
                .setEndsAtMs(null)
                .setLabels(labels)
                .setSummary(summary)
                .setDescription(description)
                .setCommand(command)
                .build();
    }

    /** The same alert, resolved at {@code endsAtMs}; labels and start unchanged so Alertmanager matches it. */
    static Alert resolved(Alert firing, long endsAtMs, String why) {
        return Alert.newBuilder(firing)
                .setEventId(id(firing.getAlertKey(), AlertState.RESOLVED, endsAtMs))
                .setTsMs(endsAtMs)
                .setState(AlertState.RESOLVED)
                .setEndsAtMs(Math.max(endsAtMs, firing.getStartsAtMs()))
                .setDescription(firing.getDescription() + " Resolved: " + why)
                .build();
    }

    private static String id(String key, AlertState state, long tsMs) {
        return UUID.nameUUIDFromBytes((key + "|" + state + "|" + tsMs).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
