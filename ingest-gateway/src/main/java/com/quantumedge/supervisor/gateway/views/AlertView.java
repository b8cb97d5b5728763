package com.quantumedge.supervisor.gateway.views;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.quantumedge.supervisor.avro.Alert;

/** A firing supervisor alert as the status views and {@code GET /api/v1/alerts} show it. */
public final class AlertView {

    private AlertView() {
    }

    /** What a bot's status carries of each of its alerts: name, severity, one line and since when. */
    public static Map<String, Object> brief(Alert a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alertname", a.getAlertname());
        out.put("severity", a.getSeverity().name());
        out.put("summary", a.getSummary());
        out.put("since", Instant.ofEpochMilli(a.getStartsAtMs()).toString());
        return out;
    }

    /** Everything the alert says: also who raised it, the numbers, who acted and why, and the command that helps. */
    public static Map<String, Object> full(Alert a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bot_id", a.getBotId());
        out.putAll(brief(a));
        out.put("service", a.getService());
        out.put("description", a.getDescription());
        out.put("command", a.getCommand());
        out.put("labels", new TreeMap<>(a.getLabels()));
        out.put("alert_key", a.getAlertKey());
        return out;
    }
}
