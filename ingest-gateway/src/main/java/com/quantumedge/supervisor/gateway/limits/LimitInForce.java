package com.quantumedge.supervisor.gateway.limits;

import com.quantumedge.supervisor.schemas.limits.ResolvedLimit;

import io.swagger.v3.oas.annotations.media.Schema;

/** One limit as in force for a bot (and symbol): its value, whether it applies, and the layer and version it came from. */
@Schema(name = "LimitInForce", description = "One limit in force: its value, whether it applies, and where it came from.")
public record LimitInForce(
        @Schema(description = "The value: a number (a whole number for counts and milliseconds), true/false for a setting; "
                + "null when no layer sets it (status unset).", types = {"number", "boolean", "null"}, example = "5.0")
        Object value,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"in_force", "off", "unset", "replaced"},
                description = "in_force: the value applies; off: its check is switched off (disabled_checks); unset: no layer "
                        + "sets it (an absolute limit then leaves it to its equity-relative one); replaced: an equity-relative "
                        + "limit replaced by its absolute counterpart, which is set", example = "in_force")
        String status,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"builtin", "default", "default-symbol", "bot", "bot-symbol"},
                description = "The layer the value came from", example = "bot")
        String source,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Version of that layer's record (0 for builtin)", example = "3")
        long version,
        @Schema(description = "The check that enforces it (the name disabled_checks lists); null for settings no check is switched by",
                nullable = true, example = "QTY_EXCEEDS_MAX")
        String check) {

    static LimitInForce of(ResolvedLimit r) {
        return new LimitInForce(r.value(), r.status().name().toLowerCase(java.util.Locale.ROOT), r.source().label(), r.version(),
                r.limit().check().map(Enum::name).orElse(null));
    }
}
