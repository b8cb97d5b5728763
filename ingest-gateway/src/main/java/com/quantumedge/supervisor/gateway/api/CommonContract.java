package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Parts shared by several answers. The string formats that the parser checks (Symbol, BotId,
 * Identifier) are not here: {@link OpenApiConfiguration} publishes them from {@code JsonBody}'s own patterns.
 */
public final class CommonContract {

    private CommonContract() {
    }

    @Schema(name = "RiskFlags", description = "The bot's risk flags from the risk engine's latest state.")
    public record RiskFlags(
            @Schema(requiredMode = REQUIRED, allowableValues = {"ACTIVE", "REDUCING", "HALTED", "UNKNOWN"},
                    description = "UNKNOWN while the risk engine has published no state for the bot") @JsonProperty("trading_state") String tradingState,
            @Schema(requiredMode = REQUIRED) boolean halted,
            @Schema(requiredMode = REQUIRED) @JsonProperty("entries_paused") boolean entriesPaused,
            @Schema(requiredMode = REQUIRED) @JsonProperty("llm_paused") boolean llmPaused,
            @Schema(requiredMode = REQUIRED, example = "1.0") @JsonProperty("risk_multiplier") double riskMultiplier,
            @Schema(description = "false when the gateway has no risk state for the bot yet (flags are then defaults)")
            @JsonProperty("risk_state_known") Boolean riskStateKnown) {
    }
}
