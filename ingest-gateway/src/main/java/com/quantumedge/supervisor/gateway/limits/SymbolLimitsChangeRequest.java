package com.quantumedge.supervisor.gateway.limits;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /api/v1/limits/defaults/symbols/{symbol}} and {@code /api/v1/limits/{bot}/symbols/{symbol}},
 * for the API documentation: the body itself is read strictly by {@link LimitsEdit}.
 */
@Schema(name = "SymbolLimitsChangeRequest", description = "A change of one symbol's override: only the limits named change; "
        + "null clears one so it inherits. Checks are switched off per bot or in the defaults, not per symbol.")
public record SymbolLimitsChangeRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Why (recorded with your identity)", maxLength = 500,
                example = "exchange raised margin requirements")
        String reason,
        @JsonProperty("expected_version")
        @Schema(description = "Refuse with 409 unless the record is still at this version (0: no record yet)", nullable = true,
                minimum = "0", example = "3")
        Long expectedVersion,
        @JsonProperty("max_order_qty")
        @Schema(description = "Largest quantity of one order, for this symbol; null inherits", nullable = true, example = "5")
        Double maxOrderQty,
        @JsonProperty("max_order_notional")
        @Schema(description = "Largest notional (qty x price, quote currency) of one order, times the risk multiplier, for this symbol; null inherits", nullable = true, example = "50000")
        Double maxOrderNotional,
        @JsonProperty("max_symbol_exposure")
        @Schema(description = "Largest worst-case exposure of one symbol (quote currency), for this symbol; null inherits", nullable = true, example = "100000")
        Double maxSymbolExposure,
        @JsonProperty("price_collar_pct")
        @Schema(description = "Furthest a limit price may be from the market, percent, for this symbol; null inherits", nullable = true, example = "10")
        Double priceCollarPct) {
}
