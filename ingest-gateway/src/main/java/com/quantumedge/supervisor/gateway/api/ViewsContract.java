package com.quantumedge.supervisor.gateway.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.TradingState;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The read endpoints served from the gateway's live views (status, bots, snapshot, dashboards).
 * Facts the gateway does not have are null, never invented.
 */
public final class ViewsContract {

    private ViewsContract() {
    }

    @Schema(name = "BotStatus", allOf = CommonContract.RiskFlags.class,
            description = "PnL, positions and exposure come from the risk engine's state when it has one, else from the "
                    + "bot's last heartbeat (pnl_source says which).")
    public record BotStatus(
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, allowableValues = {"ok", "stale", "missing"}) @JsonProperty("heartbeat_status") String heartbeatStatus,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, format = "date-time") @JsonProperty("last_heartbeat_time") String lastHeartbeatTime,
            @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64") @JsonProperty("heartbeat_age_ms") Long heartbeatAgeMs,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}) @JsonProperty("state_reason") String stateReason,
            @Schema(requiredMode = REQUIRED, implementation = ProcessState.class) @JsonProperty("process_state") ProcessState processState,
            @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64") Long pid,
            @Schema(requiredMode = REQUIRED, types = {"integer", "null"}) @JsonProperty("restart_count") Integer restartCount,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("uptime_s") Double uptimeS,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}) String mode,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}) String version,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) Double equity,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("realized_pnl_today") Double realizedPnlToday,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("unrealized_pnl") Double unrealizedPnl,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("total_pnl") Double totalPnl,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, allowableValues = {"risk-state", "heartbeat"})
            @JsonProperty("pnl_source") String pnlSource,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("drawdown_pct") Double drawdownPct,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("gross_exposure") Double grossExposure,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("net_exposure") Double netExposure,
            @Schema(requiredMode = REQUIRED) List<Position> positions,
            @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, description = "count from the last heartbeat")
            @JsonProperty("open_orders") Integer openOrders,
            @Schema(requiredMode = REQUIRED, types = {"integer", "null"}) @JsonProperty("open_reservations") Integer openReservations,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, format = "date-time") @JsonProperty("last_snapshot_time") String lastSnapshotTime,
            @Schema(requiredMode = REQUIRED, description = "the supervisor's alerts of this bot firing now (GET /api/v1/alerts has them whole)")
            List<BotAlert> alerts) {
    }

    @Schema(name = "BotAlert", description = "A supervisor alert firing now, as the policy service pages it through Alertmanager.")
    public record BotAlert(
            @Schema(requiredMode = REQUIRED, example = "BotHalted", description = "docs/operations.md says what each means and what to do")
            String alertname,
            @Schema(requiredMode = REQUIRED, implementation = Severity.class) Severity severity,
            @Schema(requiredMode = REQUIRED, example = "Trading of bot-1 is HALTED: no new orders are allowed") String summary,
            @Schema(requiredMode = REQUIRED, format = "date-time", description = "when the condition began (event time)") String since) {
    }

    @Schema(name = "Alert", allOf = BotAlert.class, description = "A supervisor alert firing now, whole.")
    public record Alert(
            @Schema(requiredMode = REQUIRED, description = "a bot id, or * for the supervisor's own (DeadLetters)") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, example = "risk-stream", description = "the service whose record raised it") String service,
            @Schema(requiredMode = REQUIRED, description = "the numbers, who acted and why") String description,
            @Schema(requiredMode = REQUIRED, description = "the ./supervisor command that helps; empty if none") String command,
            @Schema(requiredMode = REQUIRED, description = "further identifying labels, e.g. symbol") Map<String, String> labels,
            @Schema(requiredMode = REQUIRED, example = "bot-1|BotHalted", description = "bot_id|alertname[|detail], the key on sup.alerts.v1")
            @JsonProperty("alert_key") String alertKey) {
    }

    @Schema(name = "ActiveAlerts", description = "The supervisor's alerts firing now, by bot and oldest first.")
    public record Alerts(
            @Schema(requiredMode = REQUIRED, format = "date-time") String timestamp,
            @Schema(requiredMode = REQUIRED) List<Alert> alerts) {
    }

    @Schema(name = "BotPosition", description = "realized_pnl and exposure only when the position comes from the risk engine")
    public record Position(
            @Schema(requiredMode = REQUIRED) String symbol,
            @Schema(requiredMode = REQUIRED, description = "signed: negative is short") double qty,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("avg_price") Double avgPrice,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) @JsonProperty("mark_price") Double markPrice,
            @Schema(types = {"number", "null"}) @JsonProperty("realized_pnl") Double realizedPnl,
            @Schema(types = {"number", "null"}) Double exposure) {
    }

    @Schema(name = "FleetStatus", description = "Every bot known to the gateway.")
    public record FleetStatus(
            @Schema(requiredMode = REQUIRED, format = "date-time") String timestamp,
            @Schema(requiredMode = REQUIRED, allowableValues = {"up", "down"}) String kafka,
            @Schema(requiredMode = REQUIRED) List<BotStatus> bots) {
    }

    @Schema(name = "OneBotStatus", allOf = BotStatus.class, description = "One bot (?bot_id=), with the time and the broker's state.")
    public record OneBotStatus(
            @Schema(requiredMode = REQUIRED, format = "date-time") String timestamp,
            @Schema(requiredMode = REQUIRED, allowableValues = {"up", "down"}) String kafka) {
    }

    @Schema(name = "StatusAnswer", oneOf = {FleetStatus.class, OneBotStatus.class})
    public record StatusAnswer() {
    }

    @Schema(name = "SnapshotView", description = "The supervisor's latest snapshot of one bot.")
    public record Snapshot(
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, format = "date-time") String timestamp,
            @Schema(requiredMode = REQUIRED, format = "int64") @JsonProperty("ts_ms") long tsMs,
            @Schema(requiredMode = REQUIRED, implementation = TradingState.class) @JsonProperty("trading_state") TradingState tradingState,
            @Schema(requiredMode = REQUIRED, implementation = ProcessState.class) @JsonProperty("process_state") ProcessState processState,
            @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64") @JsonProperty("heartbeat_age_ms") Long heartbeatAgeMs,
            @Schema(requiredMode = REQUIRED, types = {"number", "null"}) Double equity,
            @Schema(requiredMode = REQUIRED) @JsonProperty("realized_pnl_today") double realizedPnlToday,
            @Schema(requiredMode = REQUIRED) @JsonProperty("unrealized_pnl") double unrealizedPnl,
            @Schema(requiredMode = REQUIRED) @JsonProperty("total_pnl") double totalPnl,
            @Schema(requiredMode = REQUIRED) @JsonProperty("gross_exposure") double grossExposure,
            @Schema(requiredMode = REQUIRED) @JsonProperty("net_exposure") double netExposure,
            @Schema(requiredMode = REQUIRED) @JsonProperty("open_orders") int openOrders,
            @Schema(requiredMode = REQUIRED) @JsonProperty("restarts_in_window") int restartsInWindow,
            @Schema(requiredMode = REQUIRED) @JsonProperty("risk_multiplier") double riskMultiplier,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}) String mode,
            @Schema(requiredMode = REQUIRED) @JsonProperty("open_alerts") List<String> openAlerts) {
    }

    @Schema(name = "SnapshotList", description = "The latest snapshot of every bot, by bot id.")
    public record Snapshots(@Schema(requiredMode = REQUIRED) List<Snapshot> snapshots) {
    }

    @Schema(name = "SnapshotAnswer", oneOf = {Snapshots.class, Snapshot.class})
    public record SnapshotAnswer() {
    }

    @Schema(name = "DashboardOverview", description = "Sums over every bot, and each bot's status.")
    public record Overview(
            @Schema(requiredMode = REQUIRED, format = "date-time") String timestamp,
            @Schema(requiredMode = REQUIRED) @JsonProperty("total_pnl") double totalPnl,
            @Schema(requiredMode = REQUIRED) @JsonProperty("realized_pnl_today") double realizedPnlToday,
            @Schema(requiredMode = REQUIRED) @JsonProperty("unrealized_pnl") double unrealizedPnl,
            @Schema(requiredMode = REQUIRED, minimum = "0") @JsonProperty("open_positions") int openPositions,
            @Schema(requiredMode = REQUIRED, minimum = "0") @JsonProperty("open_orders") int openOrders,
            @Schema(requiredMode = REQUIRED) List<BotStatus> bots) {
    }

    @Schema(name = "DashboardHealth")
    public record Health(
            @Schema(requiredMode = REQUIRED, format = "date-time") String timestamp,
            @Schema(requiredMode = REQUIRED, allowableValues = {"ok", "degraded", "critical"},
                    description = "critical: broker unreachable, a bot halted, or a bot process failed or exited") String status,
            @Schema(requiredMode = REQUIRED, example = "[\"bot-1: heartbeat stale\"]") List<String> issues,
            @Schema(requiredMode = REQUIRED) List<BotHealth> bots) {
    }

    @Schema(name = "BotHealth")
    public record BotHealth(
            @Schema(requiredMode = REQUIRED, ref = "BotId") @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, allowableValues = {"ok", "stale", "missing"}) @JsonProperty("heartbeat_status") String heartbeatStatus,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, format = "date-time") @JsonProperty("last_heartbeat_time") String lastHeartbeatTime,
            @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64") @JsonProperty("heartbeat_age_ms") Long heartbeatAgeMs,
            @Schema(requiredMode = REQUIRED, allowableValues = {"ACTIVE", "REDUCING", "HALTED", "UNKNOWN"}) @JsonProperty("trading_state") String tradingState,
            @Schema(requiredMode = REQUIRED, implementation = ProcessState.class) @JsonProperty("process_state") ProcessState processState,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, format = "date-time") @JsonProperty("last_snapshot_time") String lastSnapshotTime) {
    }

    @Schema(name = "RecentEvents", description = "Newest first.")
    public record Events(@Schema(requiredMode = REQUIRED) List<Event> events) {
    }

    @Schema(name = "SupervisorEventView")
    public record Event(
            @Schema(requiredMode = REQUIRED, format = "date-time") String timestamp,
            @Schema(requiredMode = REQUIRED, implementation = EventType.class) EventType type,
            @Schema(requiredMode = REQUIRED, implementation = Severity.class) Severity severity,
            @Schema(requiredMode = REQUIRED) @JsonProperty("bot_id") String botId,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}) String symbol,
            @Schema(requiredMode = REQUIRED, description = "the service that raised it") String source,
            @Schema(requiredMode = REQUIRED) String message,
            @Schema(requiredMode = REQUIRED) Map<String, String> details,
            @Schema(requiredMode = REQUIRED) @JsonProperty("event_id") String eventId,
            @Schema(requiredMode = REQUIRED, types = {"string", "null"}, description = "e.g. the command_id an event answers")
            @JsonProperty("correlation_id") String correlationId) {
    }

}
