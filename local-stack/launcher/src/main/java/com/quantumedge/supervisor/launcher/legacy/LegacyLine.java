package com.quantumedge.supervisor.launcher.legacy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One line of the original supervisor's JSONL logs, parsed. Its event logger wrote
 * {@code {"timestamp": ISO-8601, "type": EVENT_TYPE, "symbol": ..., "details": {...}}} per line (the
 * dashboard maps events to exactly these four fields); snapshot logs hold one snapshot object per
 * line with its {@code timestamp}. Python's {@code isoformat()} omits the offset for naive UTC
 * times: a timestamp without one is UTC. Epoch seconds are accepted too.
 */
record LegacyLine(Instant time, String type, String symbol, JsonNode details, JsonNode whole) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a line is not importable; the message says what is wrong with it. */
    static final class BadLineException extends Exception {
        BadLineException(String message) {
            super(message);
        }
    }

    static LegacyLine parseEvent(String text) throws BadLineException {
        JsonNode node = object(text);
        String type = node.path("type").asText("");
        if (type.isBlank()) {
            type = node.path("event_type").asText("");
        }
        if (type.isBlank()) {
            throw new BadLineException("no \"type\"");
        }
        JsonNode symbol = node.path("symbol");
        JsonNode details = node.path("details");
        return new LegacyLine(time(node), type.trim().toUpperCase(java.util.Locale.ROOT),
                symbol.isTextual() && !symbol.asText().isBlank() ? symbol.asText() : null,
                details.isObject() ? details : JSON.createObjectNode(), node);
    }

    static LegacyLine parseSnapshot(String text) throws BadLineException {
        JsonNode node = object(text);
        return new LegacyLine(time(node), "SUPERVISOR_SNAPSHOT", null, node, node);
    }

    private static JsonNode object(String text) throws BadLineException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            throw new BadLineException("not JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new BadLineException("not a JSON object");
        }
        return node;
    }

    private static Instant time(JsonNode node) throws BadLineException {
        JsonNode t = node.path("timestamp");
        if (t.isMissingNode() || t.isNull()) {
            t = node.path("ts");
        }
        if (t.isNumber()) {
            return Instant.ofEpochMilli(Math.round(t.asDouble() * 1000));
        }
        String text = t.asText("");
        if (text.isBlank()) {
            throw new BadLineException("no \"timestamp\"");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new BadLineException("timestamp is not ISO-8601: " + text);
            }
        }
    }

    /** The details as text values (nested values as JSON), for an attributes map. */
    Map<String, String> detailsAsText() {
        Map<String, String> out = new LinkedHashMap<>();
        details.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                : e.getValue().toString()));
        return out;
    }

    String text(String... names) {
        for (String n : names) {
            JsonNode v = details.path(n);
            if (v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    Double number(String... names) {
        for (String n : names) {
            JsonNode v = details.path(n);
            if (v.isNumber()) {
                return v.asDouble();
            }
            if (v.isTextual()) {
                try {
                    return Double.parseDouble(v.asText());
                } catch (NumberFormatException ignored) {
                    // Try the next name.
                }
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
