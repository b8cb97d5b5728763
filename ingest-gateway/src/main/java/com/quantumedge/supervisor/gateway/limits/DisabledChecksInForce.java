package com.quantumedge.supervisor.gateway.limits;

import java.util.List;

import com.quantumedge.supervisor.schemas.limits.ResolvedLimits;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** The checks switched off for a bot, and the layer whose list that is. */
@Schema(name = "DisabledChecksInForce", description = "The checks switched off, and the layer whose list is in force.")
public record DisabledChecksInForce(
        @ArraySchema(schema = @Schema(example = "NOTIONAL_EXCEEDS_MAX"), arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED))
        List<String> checks,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"builtin", "default", "bot"}, example = "default")
        String source,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Version of that layer's record (0 for builtin)", example = "3")
        long version) {

    static DisabledChecksInForce of(ResolvedLimits.DisabledChecks d) {
        return new DisabledChecksInForce(d.names(), d.source().label(), d.version());
    }
}
