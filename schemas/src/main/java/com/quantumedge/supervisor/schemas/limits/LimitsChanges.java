package com.quantumedge.supervisor.schemas.limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.SymbolLimits;
import com.quantumedge.supervisor.schemas.GeneratedClasses;
import com.quantumedge.supervisor.schemas.json.AvroJson;

/**
 * Planning a change of a key of the compacted limits topic and its audit event. A record is
 * published only when its content (every limit, the symbol overrides and {@code disabled_checks})
 * differs from the key's latest record, under that record's version + 1, so re-publishing the same
 * limits does not churn versions. Used by risk-stream at startup (configuration) and by the
 * gateway's limits API.
 */
public final class LimitsChanges {

    static {
        // Comparing nested generated records goes through Avro's class allow-list.
        GeneratedClasses.trust();
    }

    private LimitsChanges() {
    }

    /**
     * The record to publish to make {@code wanted}'s content the key's, or empty if it already is.
     *
     * @param previous  the key's latest record, null if it has none
     * @param wanted    the desired content; its bot id is the key; identity fields are replaced
     * @param updatedBy who asks for the change (principal)
     * @param reason    why, recorded on the record and its event
     */
    public static Optional<RiskLimits> next(RiskLimits previous, RiskLimits wanted, long tsMs, String updatedBy,
            String reason) {
        RiskLimits.Builder next = RiskLimits.newBuilder(wanted)
                .setEventId(UUID.randomUUID().toString())
                .setTsMs(tsMs)
                .setVersion(previous == null ? 1 : previous.getVersion() + 1)
                .setUpdatedBy(updatedBy)
                .setReason(reason == null ? "" : reason);
        if (wanted.getDisabledChecks() != null) {
            next.setDisabledChecks(new ArrayList<>(new TreeSet<>(wanted.getDisabledChecks().stream().map(CharSequence::toString).toList())));
        }
        RiskLimits record = next.build();
        return previous != null && sameContent(previous, record) ? Optional.empty() : Optional.of(record);
    }

    /** The records to publish so every key of {@code desired} has that content, in {@code desired}'s order. */
    public static List<RiskLimits> plan(Map<String, RiskLimits> current, Map<String, RiskLimits> desired, long tsMs,
            String updatedBy, String reason) {
        List<RiskLimits> out = new ArrayList<>();
        desired.forEach((key, wanted) -> next(current.get(key), RiskLimits.newBuilder(wanted).setBotId(key).build(),
                tsMs, updatedBy, reason).ifPresent(out::add));
        return out;
    }

    /** True if both records set the same limits, whatever their identity fields. */
    public static boolean sameContent(RiskLimits a, RiskLimits b) {
        return changedFields(a, b).isEmpty();
    }

    /** Fields whose value differs, snake_case ({@code symbols.ETHUSDT.max_order_qty} for overrides). */
    public static List<String> changedFields(RiskLimits before, RiskLimits after) {
        List<String> out = new ArrayList<>();
        for (Limit limit : Limit.values()) {
            if (!Objects.equals(limit.valueIn(before), limit.valueIn(after))) {
                out.add(limit.field());
            }
        }
        if (!Objects.equals(names(before), names(after))) {
            out.add("disabled_checks");
        }
        Map<String, SymbolLimits> a = symbols(before);
        Map<String, SymbolLimits> b = symbols(after);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String symbol : keys) {
            for (Limit limit : Limit.values()) {
                if (limit.perSymbol() && !Objects.equals(limit.valueIn(a.get(symbol)), limit.valueIn(b.get(symbol)))) {
                    out.add("symbols." + symbol + "." + limit.field());
                }
            }
        }
        return out;
    }

    /**
     * The {@code RISK_LIMITS_CHANGED} event of a published record: who, why, the changed fields and
     * both records as JSON. WARNING when the change switches a check off, else INFO.
     *
     * @param source the service that published it
     */
    public static SupervisorEvent changedEvent(RiskLimits limits, RiskLimits previous, String source) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("key", limits.getBotId());
        attributes.put("version", Long.toString(limits.getVersion()));
        attributes.put("previous_version", previous == null ? "" : Long.toString(previous.getVersion()));
        attributes.put("updated_by", limits.getUpdatedBy());
        attributes.put("reason", limits.getReason());
        List<String> changed = previous == null ? List.of() : changedFields(previous, limits);
        attributes.put("changed", String.join(",", changed));
        List<String> switchedOff = switchedOff(previous, limits);
        attributes.put("checks_switched_off", String.join(",", switchedOff));
        attributes.put("limits", AvroJson.toJson(limits));
        attributes.put("previous_limits", previous == null ? "" : AvroJson.toJson(previous));
        return SupervisorEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(limits.getBotId())
                .setTsMs(limits.getTsMs())
                .setEventType(EventType.RISK_LIMITS_CHANGED)
                .setSeverity(switchedOff.isEmpty() ? Severity.INFO : Severity.WARNING)
                .setSource(source)
                .setMessage("risk limits for " + limits.getBotId() + " now version " + limits.getVersion()
                        + " by " + limits.getUpdatedBy()
                        + (switchedOff.isEmpty() ? "" : "; checks switched off: " + String.join(", ", switchedOff)))
                .setAttributes(attributes)
                .build();
    }

    private static List<String> switchedOff(RiskLimits previous, RiskLimits limits) {
        List<String> now = names(limits);
        if (now == null) {
            return List.of();
        }
        List<String> before = previous == null || names(previous) == null ? List.of() : names(previous);
        return now.stream().filter(n -> !before.contains(n)).toList();
    }

    private static List<String> names(RiskLimits limits) {
        return limits.getDisabledChecks() == null ? null
                : limits.getDisabledChecks().stream().map(CharSequence::toString).sorted().toList();
    }

    private static Map<String, SymbolLimits> symbols(RiskLimits limits) {
        Map<String, SymbolLimits> out = new LinkedHashMap<>();
        limits.getSymbols().forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
