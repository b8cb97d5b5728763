package com.quantumedge.supervisor.gateway.views;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;

/**
 * One bot as the status and dashboard endpoints show it, from the live views. PnL, positions and
 * exposure come from the risk engine's state when it has one, else from the bot's own last heartbeat
 * ({@code pnl_source} says which); absent facts are null, never invented.
 */
public final class BotView {

    private BotView() {
    }

    public static Map<String, Object> of(String botId, LiveViews views, Duration staleAfter, long now) {
        Optional<RiskState> risk = views.riskState(botId);
        Optional<Heartbeat> hb = views.heartbeat(botId);
        Optional<AgentStatus> process = views.processStatus(botId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bot_id", botId);
        Long lastHeartbeat = hb.map(h -> h.getReceivedTsMs() > 0 ? h.getReceivedTsMs() : h.getTsMs())
                .or(() -> risk.map(RiskState::getLastHeartbeatTsMs))
                .orElse(null);
        Long age = lastHeartbeat == null ? null : Math.max(0, now - lastHeartbeat);
        out.put("heartbeat_status", age == null ? "missing" : age > staleAfter.toMillis() ? "stale" : "ok");
        out.put("last_heartbeat_time", lastHeartbeat == null ? null : Instant.ofEpochMilli(lastHeartbeat).toString());
        out.put("heartbeat_age_ms", age);
        out.putAll(RiskFlags.of(risk));
        out.put("state_reason", risk.map(RiskState::getStateReason).orElse(null));
        out.put("process_state", process.map(p -> p.getProcessState().name()).orElse("UNKNOWN"));
        out.put("pid", process.map(AgentStatus::getPid).orElse(null));
        out.put("restart_count", process.map(AgentStatus::getRestartCount).orElse(null));
        out.put("uptime_s", hb.map(Heartbeat::getUptimeS).orElse(null));
        out.put("mode", hb.map(Heartbeat::getMode).orElse(process.map(AgentStatus::getMode).orElse(null)));
        out.put("version", hb.map(Heartbeat::getVersion).orElse(null));
        out.put("equity", risk.map(RiskState::getEquity).or(() -> hb.map(Heartbeat::getEquity)).orElse(null));
        Double realized = risk.map(RiskState::getRealizedPnlToday).or(() -> hb.map(Heartbeat::getRealizedPnlToday)).orElse(null);
        Double unrealized = risk.map(RiskState::getUnrealizedPnl).or(() -> hb.map(Heartbeat::getUnrealizedPnl)).orElse(null);
        out.put("realized_pnl_today", realized);
        out.put("unrealized_pnl", unrealized);
        out.put("total_pnl", realized == null && unrealized == null ? null : nz(realized) + nz(unrealized));
        out.put("pnl_source", risk.isPresent() ? "risk-state" : hb.isPresent() ? "heartbeat" : null);
        out.put("drawdown_pct", risk.map(RiskState::getDrawdownPct).orElse(null));
        out.put("gross_exposure", risk.map(RiskState::getGrossExposure).orElse(null));
        out.put("net_exposure", risk.map(RiskState::getNetExposure).orElse(null));
        out.put("positions", risk.map(BotView::positions).or(() -> hb.map(BotView::reportedPositions)).orElse(List.of()));
        out.put("open_orders", hb.map(Heartbeat::getOpenOrderCount).orElse(null));
        out.put("open_reservations", risk.map(RiskState::getOpenReservations).orElse(null));
        out.put("last_snapshot_time", views.snapshot(botId).map(s -> Instant.ofEpochMilli(s.getTsMs()).toString()).orElse(null));
        out.put("alerts", views.firingAlerts(botId).stream().map(AlertView::brief).toList());
        return out;
    }

    public static Map<String, Object> snapshot(Snapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bot_id", s.getBotId());
        out.put("timestamp", Instant.ofEpochMilli(s.getTsMs()).toString());
        out.put("ts_ms", s.getTsMs());
        out.put("trading_state", s.getTradingState().name());
        out.put("process_state", s.getProcessState().name());
        out.put("heartbeat_age_ms", s.getHeartbeatAgeMs());
        out.put("equity", s.getEquity());
        out.put("realized_pnl_today", s.getRealizedPnlToday());
        out.put("unrealized_pnl", s.getUnrealizedPnl());
        out.put("total_pnl", s.getRealizedPnlToday() + s.getUnrealizedPnl());
        out.put("gross_exposure", s.getGrossExposure());
        out.put("net_exposure", s.getNetExposure());
        out.put("open_orders", s.getOpenOrders());
        out.put("restarts_in_window", s.getRestartsInWindow());
        out.put("risk_multiplier", s.getRiskMultiplier());
        out.put("mode", s.getMode());
        out.put("open_alerts", List.copyOf(s.getOpenAlerts()));
        return out;
    }

    private static List<Map<String, Object>> positions(RiskState s) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PositionState p : s.getPositions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", p.getSymbol());
            m.put("qty", p.getQty());
            m.put("avg_price", p.getAvgPrice());
            m.put("mark_price", p.getMarkPrice());
            m.put("realized_pnl", p.getRealizedPnl());
            m.put("exposure", p.getExposure());
            out.add(m);
        }
        return out;
    }

    private static List<Map<String, Object>> reportedPositions(Heartbeat h) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PositionReport p : h.getPositions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", p.getSymbol());
            m.put("qty", p.getQty());
            m.put("avg_price", p.getAvgPrice());
            m.put("mark_price", p.getMarkPrice());
            out.add(m);
        }
        return out;
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }
}
