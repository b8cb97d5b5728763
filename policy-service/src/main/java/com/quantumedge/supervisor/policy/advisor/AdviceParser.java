package com.quantumedge.supervisor.policy.advisor;

import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the model's answer as strict advice JSON:
 * {@code {"action": "NONE|PAUSE_ENTRIES|RESUME_ENTRIES|LOWER_RISK", "risk_multiplier": 0.5, "reason": "..."}}.
 * One object and nothing around it (no prose, no code fences), no other or duplicate fields, the
 * action spelled exactly, a non-blank reason, and a finite number as multiplier (required for
 * LOWER_RISK, null or absent allowed otherwise). A model that rambles is refused, not interpreted.
 */
public final class AdviceParser {

    static final int MAX_REASON_CHARS = 500;
    private static final Set<String> FIELDS = Set.of("action", "risk_multiplier", "reason");
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private AdviceParser() {
    }

    /** @throws MalformedAdviceException saying what is wrong */
    public static Advice parse(String content) {
        if (content == null || content.isBlank()) {
            throw new MalformedAdviceException("empty answer");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(content.strip());
        } catch (JacksonException e) {
            throw new MalformedAdviceException("not a single JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedAdviceException("not a JSON object");
        }
        for (String field : root.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new MalformedAdviceException("unexpected field '" + field + "'");
            }
        }
        AdviceAction action = action(root.get("action"));
        Double multiplier = multiplier(root.get("risk_multiplier"), action);
        return new Advice(action, multiplier, reason(root.get("reason")));
    }

    private static AdviceAction action(JsonNode node) {
        if (node == null || !node.isString()) {
            throw new MalformedAdviceException("action must be one of NONE, PAUSE_ENTRIES, RESUME_ENTRIES, LOWER_RISK");
        }
        try {
            return AdviceAction.valueOf(node.stringValue());
        } catch (IllegalArgumentException e) {
            throw new MalformedAdviceException("unknown action '" + node.stringValue() + "'");
        }
    }

    private static Double multiplier(JsonNode node, AdviceAction action) {
        if (node == null || node.isNull()) {
            if (action == AdviceAction.LOWER_RISK) {
                throw new MalformedAdviceException("LOWER_RISK needs a risk_multiplier");
            }
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new MalformedAdviceException("risk_multiplier must be a number");
        }
        return node.doubleValue();
    }

    private static String reason(JsonNode node) {
        if (node == null || !node.isString() || node.stringValue().isBlank()) {
            throw new MalformedAdviceException("reason must be a non-blank string");
        }
        String reason = node.stringValue().strip();
        if (reason.length() > MAX_REASON_CHARS) {
            throw new MalformedAdviceException("reason longer than " + MAX_REASON_CHARS + " characters");
        }
        return reason;
    }
}
