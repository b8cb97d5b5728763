package com.quantumedge.supervisor.gateway.limits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.avro.Schema;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.schemas.limits.Limit;
import com.quantumedge.supervisor.schemas.limits.LimitCheck;
import com.quantumedge.supervisor.schemas.limits.LimitViolation;
import com.quantumedge.supervisor.schemas.limits.LimitsValidator;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimits;

import tools.jackson.databind.JsonNode;

/**
 * One PUT of the limits API, read strictly from its JSON body: {@code reason}, optional
 * {@code expected_version}, and the limits to change by their record field names. A number sets a
 * limit (and switches its check on for this key), {@code null} clears it so it inherits,
 * {@code "off"} switches its check off for this key ({@code disabled_checks}); {@code disabled_checks}
 * may also be given as a whole (a list, or null to inherit). Fields not named keep their value.
 * Every refusal names the offending field.
 */
record LimitsEdit(String reason, Long expectedVersion, Map<Limit, Object> values, List<Limit> switchedOff,
        boolean setsDisabledChecks, List<String> disabledChecks) {

    static final String OFF = "off";
    static final String DISABLED_CHECKS = "disabled_checks";
    private static final int MAX_REASON = 500;

    /**
     * @param perSymbol true for a symbol override: only per-symbol limits, and no checks switched off
     *                  (a check is on or off for a whole bot)
     */
    static LimitsEdit parse(String raw, boolean perSymbol) {
        JsonBody body = JsonBody.parse(raw);
        for (String field : body.fieldNames()) {
            if (!field.equals("reason") && !field.equals("expected_version") && !isEditable(field, perSymbol)) {
                throw ApiException.badRequest("UNKNOWN_FIELD", field, unknown(field, perSymbol));
            }
        }
        String reason = body.optionalText("reason", MAX_REASON)
                .filter(r -> !r.isBlank())
                .orElseThrow(() -> ApiException.badRequest("MISSING_FIELD", "reason", "reason is required: say why"));
        Long expected = body.optionalWholeNumber("expected_version", 0, Long.MAX_VALUE).orElse(null);
        Map<Limit, Object> values = new LinkedHashMap<>();
        List<Limit> off = new ArrayList<>();
        boolean setsDisabled = false;
        List<String> disabled = null;
        for (String field : body.fieldNames()) {
            Optional<Limit> limit = Limit.forField(field);
            if (limit.isPresent()) {
                JsonNode node = body.raw(field);
                if (node.isString() && OFF.equals(node.stringValue())) {
                    off.add(switchable(limit.get(), perSymbol));
                } else {
                    values.put(limit.get(), node.isNull() ? null : typed(limit.get(), node));
                }
            } else if (field.equals(DISABLED_CHECKS)) {
                setsDisabled = true;
                disabled = checkNames(body.raw(field));
            }
        }
        if (values.isEmpty() && off.isEmpty() && !setsDisabled) {
            throw ApiException.badRequest("MISSING_FIELD", null, "name at least one limit to change");
        }
        return new LimitsEdit(reason, expected, values, off, setsDisabled, disabled);
    }

    /**
     * The key's record as it would be after this edit (identity fields still the previous record's),
     * refused with the field name if any limit is out of bounds.
     *
     * @param previous the key's record, null if it has none
     * @param inherited the limits this key inherits (the defaults' for a bot, built-in for the defaults),
     *                  whose disabled checks a first own list starts from
     * @param symbol   the symbol override to edit, or null for the key's own limits
     */
    RiskLimits applyTo(String key, RiskLimits previous, ResolvedLimits inherited, String symbol) {
        RiskLimits next = previous == null
                ? RiskLimits.newBuilder().setEventId("").setBotId(key).setTsMs(0).setVersion(0).setUpdatedBy("").build()
                : RiskLimits.newBuilder(previous).build();
        if (symbol == null) {
            values.forEach((limit, value) -> next.put(limit.field(), value));
        } else {
            Map<String, SymbolLimits> symbols = new HashMap<>(next.getSymbols());
            SymbolLimits override = symbols.containsKey(symbol) ? SymbolLimits.newBuilder(symbols.get(symbol)).build()
                    : SymbolLimits.newBuilder().build();
            values.forEach((limit, value) -> override.put(limit.field(), value));
            if (override.getSchema().getFields().stream().allMatch(f -> override.get(f.pos()) == null)) {
                symbols.remove(symbol);
            } else {
                symbols.put(symbol, override);
            }
            next.setSymbols(symbols);
        }
        if (setsDisabledChecks) {
            next.setDisabledChecks(disabledChecks);
        }
        next.setDisabledChecks(switchChecks(next.getDisabledChecks(), inherited));
        List<LimitViolation> violations = LimitsValidator.validate(next);
        if (!violations.isEmpty()) {
            LimitViolation v = violations.get(0);
            String field = symbol == null ? v.field() : v.field().replace("symbols." + symbol + ".", "");
            throw ApiException.badRequest("INVALID_VALUE", field, field + " " + v.message());
        }
        return next;
    }

    /**
     * The key's own disabled checks after this edit: checks of limits set to off added, checks of limits
     * given a number removed. A key without its own list starts from the one it inherits, and keeps
     * inheriting if the edit switches nothing.
     */
    private List<String> switchChecks(List<String> own, ResolvedLimits inherited) {
        TreeSet<String> checks = new TreeSet<>(own != null ? own : inherited.disabledChecks().names());
        boolean changed = false;
        for (Limit limit : switchedOff) {
            changed |= checks.add(limit.check().orElseThrow().name());
        }
        for (Map.Entry<Limit, Object> e : values.entrySet()) {
            if (e.getValue() != null && switchesItsCheck(e.getKey())) {
                changed |= checks.remove(e.getKey().check().get().name());
            }
        }
        return changed ? new ArrayList<>(checks) : own;
    }

    /** A limit (not a setting such as submit_window_ms) that a check enforces. */
    private static boolean switchesItsCheck(Limit limit) {
        return limit.check().isPresent() && limit.kind() != Limit.Kind.PARAMETER;
    }

    private static boolean isEditable(String field, boolean perSymbol) {
        if (field.equals(DISABLED_CHECKS)) {
            return !perSymbol;
        }
        return Limit.forField(field).filter(l -> !perSymbol || l.perSymbol()).isPresent();
    }

    private static String unknown(String field, boolean perSymbol) {
        if (perSymbol && (Limit.forField(field).isPresent() || field.equals(DISABLED_CHECKS))) {
            return field + " cannot be set per symbol; per-symbol limits: "
                    + Arrays.stream(Limit.values()).filter(Limit::perSymbol).map(Limit::field).toList();
        }
        return field + " is not a limit; one of reason, expected_version, " + DISABLED_CHECKS + ", "
                + Arrays.stream(Limit.values()).map(Limit::field).toList();
    }

    private static Limit switchable(Limit limit, boolean perSymbol) {
        if (perSymbol) {
            throw ApiException.badRequest("INVALID_VALUE", limit.field(),
                    limit.field() + ": checks are switched off per bot or in the defaults, not per symbol");
        }
        if (!switchesItsCheck(limit)) {
            throw ApiException.badRequest("INVALID_VALUE", limit.field(), limit.field()
                    + " is a setting, not a limit: only limits switch their check off (see disabled_checks)");
        }
        return limit;
    }

    /** The JSON value as the record field's type: a finite number (whole for counts and durations) or a boolean. */
    private static Object typed(Limit limit, JsonNode node) {
        String field = limit.field();
        Schema.Type type = RiskLimits.getClassSchema().getField(field).schema().getTypes().stream()
                .map(Schema::getType).filter(t -> t != Schema.Type.NULL).findFirst().orElseThrow();
        return switch (type) {
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw ApiException.badRequest("INVALID_TYPE", field, field + " must be true, false or null");
                }
                yield Boolean.valueOf(node.booleanValue());
            }
            case INT, LONG -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw ApiException.badRequest("INVALID_TYPE", field, field + " must be a whole number, \"off\" or null");
                }
                long v = node.longValue();
                if (type == Schema.Type.INT && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                    throw ApiException.badRequest("INVALID_VALUE", field, field + " is out of range");
                }
                // Not a conditional expression: that would promote the Integer to a Long.
                if (type == Schema.Type.INT) {
                    yield Integer.valueOf((int) v);
                }
                yield Long.valueOf(v);
            }
            default -> {
                if (node.isString()) {
                    throw ApiException.badRequest("INVALID_TYPE", field, field + " must be a number, \"off\" or null");
                }
                yield Double.valueOf(JsonBody.number(node, field));
            }
        };
    }

    private static List<String> checkNames(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("INVALID_TYPE", DISABLED_CHECKS, DISABLED_CHECKS + " must be a list of check names or null");
        }
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode n : node) {
            if (!n.isString() || LimitCheck.named(n.stringValue()).isEmpty()) {
                throw ApiException.badRequest("INVALID_VALUE", DISABLED_CHECKS, DISABLED_CHECKS + " lists checks by name; one of "
                        + List.of(LimitCheck.values()));
            }
            names.add(n.stringValue());
        }
        return new ArrayList<>(names);
    }
}
