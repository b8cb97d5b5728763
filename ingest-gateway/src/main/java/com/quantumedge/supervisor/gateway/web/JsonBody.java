package com.quantumedge.supervisor.gateway.web;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.quantumedge.supervisor.schemas.NumericBounds;
import com.quantumedge.supervisor.schemas.NumericBounds.Range;
import com.quantumedge.supervisor.schemas.Symbols;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reader of one JSON object request body. Every accessor names the field it rejects, so the
 * caller gets {@code {"error":{"code","message","field"}}} pointing at the offending input.
 * Numbers must be JSON numbers (never strings), finite, and within the field's {@link NumericBounds} range;
 * Jackson already refuses NaN/Infinity literals. Symbols follow {@link Symbols}.
 */
public final class JsonBody {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** A bot id starts with a letter or digit, so it can never read as a number sign, a flag or a path step. */
    public static final String BOT_ID_REGEX = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
    public static final Pattern BOT_ID = Pattern.compile(BOT_ID_REGEX);
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("EMPTY_BODY", null, "request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw ApiException.badRequest("MALFORMED_JSON", null, "request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("MALFORMED_JSON", null, "request body must be a JSON object");
        }
        return new JsonBody(node);
    }

    /** A nested object already parsed as part of a body. */
    public static JsonBody of(JsonNode object) {
        return new JsonBody(object);
    }

    public Collection<String> fieldNames() {
        return root.propertyNames();
    }

    public JsonNode raw(String field) {
        return root.get(field);
    }

    public boolean has(String field) {
        JsonNode n = root.get(field);
        return n != null && !n.isNull();
    }

    public String requiredString(String field, Pattern pattern) {
        return optionalString(field, pattern)
                .orElseThrow(() -> ApiException.badRequest("MISSING_FIELD", field, field + " is required"));
    }

    public Optional<String> optionalString(String field, Pattern pattern) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isString()) {
            throw ApiException.badRequest("INVALID_TYPE", field, field + " must be a string");
        }
        String value = n.stringValue();
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw ApiException.badRequest("INVALID_VALUE", field, field + " does not match " + pattern.pattern());
        }
        return Optional.of(value);
    }

    /** A free-text string of bounded length. */
    public Optional<String> optionalText(String field, int maxLength) {
        Optional<String> value = optionalString(field, null);
        if (value.isPresent() && value.get().length() > maxLength) {
            throw ApiException.badRequest("INVALID_VALUE", field, field + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    public String requiredSymbol(String field) {
        return optionalSymbol(field)
                .orElseThrow(() -> ApiException.badRequest("MISSING_FIELD", field, field + " is required"));
    }

    public Optional<String> optionalSymbol(String field) {
        Optional<String> value = optionalString(field, null);
        if (value.isPresent() && !Symbols.isValid(value.get())) {
            throw ApiException.badRequest("INVALID_VALUE", field, field + " must be " + Symbols.DESCRIPTION);
        }
        return value;
    }

    public double requiredNumber(String field) {
        return optionalNumber(field)
                .orElseThrow(() -> ApiException.badRequest("MISSING_FIELD", field, field + " is required"));
    }

    public Optional<Double> optionalNumber(String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(number(n, field));
    }

    public double requiredNumber(String field, Range range) {
        return within(requiredNumber(field), field, range);
    }

    public Optional<Double> optionalNumber(String field, Range range) {
        return optionalNumber(field).map(v -> within(v, field, range));
    }

    /**
     * A price where 0 means "not known" (a flat position's entry, a stop-market order's limit price):
     * 0 or absent is empty, anything else must be a {@link NumericBounds#PRICE}.
     */
    public Optional<Double> optionalPriceOrZero(String field) {
        return optionalNumber(field).filter(v -> v != 0).map(v -> within(v, field, NumericBounds.PRICE));
    }

    /** Epoch milliseconds; a fractional value (Python's {@code time.time() * 1000}) is truncated. */
    public Optional<Long> optionalEpochMillis(String field) {
        return optionalNumber(field, NumericBounds.EPOCH_MS).map(Double::longValue);
    }

    public Optional<Long> optionalWholeNumber(String field, long min, long max) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiException.badRequest("INVALID_TYPE", field, field + " must be a whole number");
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw ApiException.badRequest("INVALID_VALUE", field, field + " must be between " + min + " and " + max);
        }
        return Optional.of(v);
    }

    public boolean optionalBoolean(String field, boolean fallback) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest("INVALID_TYPE", field, field + " must be true or false");
        }
        return n.booleanValue();
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type, Collection<E> allowed) {
        String value = requiredString(field, null).toUpperCase(Locale.ROOT);
        for (E e : allowed) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw ApiException.badRequest("INVALID_VALUE", field, field + " must be one of " + allowed);
    }

    public static double number(JsonNode n, String field) {
        if (!n.isNumber()) {
            throw ApiException.badRequest("INVALID_TYPE", field, field + " must be a number");
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw ApiException.badRequest("NOT_FINITE", field, field + " must be a finite number");
        }
        return v + 0.0; // -0 becomes 0: a flat position or a zero fee has one spelling downstream
    }

    private static double within(double v, String field, Range range) {
        if (!range.contains(v)) {
            throw ApiException.badRequest("INVALID_VALUE", field, field + " must be " + range.describe());
        }
        return v;
    }
}
