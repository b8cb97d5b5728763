package com.quantumedge.supervisor.gateway.views;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.TradingState;

/**
 * The original bot's risk flags from the latest risk state. When the risk engine has not published a
 * state for the bot yet, {@code risk_state_known} is false and trading_state is {@code UNKNOWN}:
 * an honest answer rather than a made-up ACTIVE.
 */
public final class RiskFlags {

    private RiskFlags() {
    }

    public static Map<String, Object> of(Optional<RiskState> state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("trading_state", state.map(s -> s.getTradingState().name()).orElse("UNKNOWN"));
        out.put("halted", state.map(s -> s.getTradingState() == TradingState.HALTED).orElse(false));
        out.put("entries_paused", state.map(RiskState::getEntriesPaused).orElse(false));
        out.put("llm_paused", state.map(RiskState::getLlmPaused).orElse(false));
        out.put("risk_multiplier", state.map(RiskState::getRiskMultiplier).orElse(1.0));
        out.put("risk_state_known", state.isPresent());
        return out;
    }
}
