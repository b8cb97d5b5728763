package com.quantumedge.supervisor.gateway.limits;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimit;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimits;

import io.swagger.v3.oas.annotations.media.Schema;

/** The limits in force for one bot (or the defaults every bot inherits), per limit and per symbol. */
@Schema(name = "BotLimits", description = "The limits in force for one bot, or for the defaults (bot_id \"*\"): every limit "
        + "with its value, status, source and version; per symbol the per-symbol limits of every symbol with an override.")
public record BotLimits(
        @JsonProperty("bot_id")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The bot, or \"*\" for the defaults", example = "qe-bot-1")
        String botId,
        @JsonProperty("defaults_version")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Version of the defaults record (0: none published)", example = "2")
        long defaultsVersion,
        @JsonProperty("bot_version")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Version of the bot's record (0: none published; 0 for the defaults)",
                example = "3")
        long botVersion,
        @JsonProperty("disabled_checks")
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        DisabledChecksInForce disabledChecks,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Every limit by its field name; per-symbol limits as for a "
                + "symbol without an override")
        Map<String, LimitInForce> limits,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Per symbol (every symbol with an override in the defaults or "
                + "the bot's record, and the one asked for with ?symbol=): its per-symbol limits")
        Map<String, Map<String, LimitInForce>> symbols) {

    /**
     * @param defaults the {@code *} record or null
     * @param bot      the bot's record or null; for the defaults themselves null
     * @param asked    a symbol to show whether or not it has an override, or null
     */
    static BotLimits of(String botId, RiskLimits defaults, RiskLimits bot, String asked) {
        TreeSet<String> symbols = new TreeSet<>();
        symbols.addAll(symbolsOf(defaults));
        symbols.addAll(symbolsOf(bot));
        if (asked != null) {
            symbols.add(asked);
        }
        ResolvedLimits resolved = ResolvedLimits.resolve(defaults, bot, null);
        Map<String, Map<String, LimitInForce>> perSymbol = new LinkedHashMap<>();
        for (String symbol : symbols) {
            Map<String, LimitInForce> limits = new LinkedHashMap<>();
            ResolvedLimits.resolve(defaults, bot, symbol).all().values().stream().filter(r -> r.limit().perSymbol())
                    .forEach(r -> limits.put(r.field(), LimitInForce.of(r)));
            perSymbol.put(symbol, limits);
        }
        return new BotLimits(botId, version(defaults), version(bot), DisabledChecksInForce.of(resolved.disabledChecks()),
                inForce(resolved.all().values()), perSymbol);
    }

    static BotLimits defaults(RiskLimits defaults, String asked) {
        return of(Topics.DEFAULT_LIMITS_KEY, defaults, null, asked);
    }

    private static Map<String, LimitInForce> inForce(Collection<ResolvedLimit> resolved) {
        Map<String, LimitInForce> out = new LinkedHashMap<>();
        resolved.forEach(r -> out.put(r.field(), LimitInForce.of(r)));
        return out;
    }

    private static Collection<String> symbolsOf(RiskLimits limits) {
        return limits == null ? List.of() : limits.getSymbols().keySet();
    }

    private static long version(RiskLimits limits) {
        return limits == null ? 0 : limits.getVersion();
    }
}
