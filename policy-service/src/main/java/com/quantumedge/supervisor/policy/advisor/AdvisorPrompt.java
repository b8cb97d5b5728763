package com.quantumedge.supervisor.policy.advisor;

import java.util.Comparator;

import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.schemas.json.AvroJson;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two chat messages of one advice request: fixed instructions with the answer format, and the
 * bot's compact state as JSON (the policy's snapshot, the risk engine's flags and largest
 * positions, recent events). Ids and sequence numbers are left out: they mean nothing to a model.
 */
public record AdvisorPrompt(String system, String user) {

    static final int MAX_POSITIONS = 10;
    static final int MAX_EVENT_MESSAGE_CHARS = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SYSTEM = """
            You advise the supervisor of an automated crypto-futures trading bot. You get one JSON \
            document describing the bot now: its supervisor snapshot (trading state, PnL, exposure, \
            heartbeat age, process state, open alerts), its risk state and recent supervisor events.
            Answer with exactly one JSON object and nothing else, no prose and no code fences:
            {"action": "NONE" | "PAUSE_ENTRIES" | "RESUME_ENTRIES" | "LOWER_RISK", "risk_multiplier": number or null, "reason": "one short sentence"}
            PAUSE_ENTRIES stops new and growing positions (reducing orders still pass). RESUME_ENTRIES \
            lifts a pause you advised earlier (risk.llm_paused is true). LOWER_RISK scales the bot's \
            order size limits by risk_multiplier, a number between min_risk_multiplier and 1 (required \
            for LOWER_RISK, null otherwise). Advise NONE unless the data shows a clear reason to act.""";

    static AdvisorPrompt of(BotView view, long nowMs, double minRiskMultiplier) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("bot_id", view.botId());
        doc.put("snapshot_age_ms", Math.max(0, nowMs - view.snapshot().getTsMs()));
        doc.set("snapshot", snapshot(view.snapshot()));
        if (view.risk() != null) {
            doc.set("risk", risk(view.risk()));
        }
        ArrayNode events = doc.putArray("recent_events");
        for (SupervisorEvent e : view.recentEvents()) {
            events.addObject()
                    .put("ts_ms", e.getTsMs())
                    .put("type", e.getEventType().name())
                    .put("severity", e.getSeverity().name())
                    .put("message", truncate(e.getMessage()));
        }
        doc.put("min_risk_multiplier", minRiskMultiplier);
        return new AdvisorPrompt(SYSTEM, JSON.writeValueAsString(doc));
    }

    private static ObjectNode snapshot(Snapshot snapshot) {
        ObjectNode node = (ObjectNode) JSON.readTree(AvroJson.toJson(snapshot));
        node.remove("event_id");
        node.remove("bot_id");
        return node;
    }

    private static ObjectNode risk(RiskState r) {
        ObjectNode node = JSON.createObjectNode()
                .put("trading_state", r.getTradingState().name())
                .put("state_reason", r.getStateReason())
                .put("entries_paused", r.getEntriesPaused())
                .put("llm_paused", r.getLlmPaused())
                .put("risk_multiplier", r.getRiskMultiplier())
                .put("equity", r.getEquity())
                .put("peak_equity", r.getPeakEquity())
                .put("day_start_equity", r.getDayStartEquity())
                .put("realized_pnl_today", r.getRealizedPnlToday())
                .put("unrealized_pnl", r.getUnrealizedPnl())
                .put("drawdown_pct", r.getDrawdownPct())
                .put("gross_exposure", r.getGrossExposure())
                .put("net_exposure", r.getNetExposure())
                .put("open_reservations", r.getOpenReservations());
        ArrayNode positions = node.putArray("largest_positions");
        r.getPositions().stream()
                .sorted(Comparator.comparingDouble(PositionState::getExposure).reversed())
                .limit(MAX_POSITIONS)
                .forEach(p -> positions.addObject()
                        .put("symbol", p.getSymbol())
                        .put("qty", p.getQty())
                        .put("avg_price", p.getAvgPrice())
                        .put("mark_price", p.getMarkPrice())
                        .put("exposure", p.getExposure()));
        return node;
    }

    private static String truncate(String message) {
        return message.length() <= MAX_EVENT_MESSAGE_CHARS ? message : message.substring(0, MAX_EVENT_MESSAGE_CHARS) + "…";
    }
}
