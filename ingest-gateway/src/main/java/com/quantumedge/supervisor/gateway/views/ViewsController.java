package com.quantumedge.supervisor.gateway.views;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.gateway.api.ViewsContract;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.gateway.kafka.BrokerConnectivity;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The original read endpoints (status, snapshot, dashboard) plus {@code /api/v1/bots/{id}}, all from
 * the live views materialized in this gateway, so they work without ClickHouse. Viewer role.
 */
@RestController
@Tag(name = "viewer")
public class ViewsController {

    private static final int MAX_EVENTS = 1000;

    private final LiveViews views;
    private final BrokerConnectivity broker;
    private final Duration staleAfter;

    public ViewsController(LiveViews views, BrokerConnectivity broker, GatewayProperties properties) {
        this.views = views;
        this.broker = broker;
        this.staleAfter = properties.views().heartbeatStaleAfter();
    }

    @Operation(operationId = "status", summary = "Status of every bot, or of one with ?bot_id= (viewer role)")
    @ApiResponse(responseCode = "200", description = "Every bot, or the one asked for",
            content = @Content(schema = @Schema(implementation = ViewsContract.StatusAnswer.class)))
    @ApiResponse(responseCode = "400", description = "bot_id is not a bot id")
    @ApiResponse(responseCode = "404", description = "No state, heartbeat or status known for the bot (UNKNOWN_BOT)")
    @GetMapping(path = "/api/v1/status", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> status(@Parameter(description = "one bot only", example = "bot-1") @RequestParam(name = "bot_id", required = false) String botId) {
        long now = System.currentTimeMillis();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", Instant.ofEpochMilli(now).toString());
        out.put("kafka", broker.isUp() ? "up" : "down");
        if (botId != null) {
            out.putAll(bot(botId));
            return out;
        }
        List<Map<String, Object>> bots = new ArrayList<>();
        for (String id : views.botIds()) {
            bots.add(BotView.of(id, views, staleAfter, now));
        }
        out.put("bots", bots);
        return out;
    }

    @Operation(operationId = "bot", summary = "Everything known about one bot (viewer role)")
    @ApiResponse(responseCode = "200", description = "The bot",
            content = @Content(schema = @Schema(implementation = ViewsContract.BotStatus.class)))
    @ApiResponse(responseCode = "400", description = "botId is not a bot id")
    @ApiResponse(responseCode = "404", description = "No state, heartbeat or status known for the bot (UNKNOWN_BOT)")
    @GetMapping(path = "/api/v1/bots/{botId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> bot(@Parameter(example = "bot-1") @PathVariable("botId") String botId) {
        if (!JsonBody.BOT_ID.matcher(botId).matches()) {
            throw ApiException.badRequest("INVALID_VALUE", "bot_id", "bot_id does not match " + JsonBody.BOT_ID.pattern());
        }
        if (!views.isKnown(botId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_BOT", "no heartbeat, trade, risk limits record or process agent known for this bot", "bot_id");
        }
        return BotView.of(botId, views, staleAfter, System.currentTimeMillis());
    }

    @Operation(operationId = "snapshot", summary = "Latest supervisor snapshot per bot, or of one with ?bot_id= (viewer role)")
    @ApiResponse(responseCode = "200", description = "Every bot's latest snapshot, or the one asked for",
            content = @Content(schema = @Schema(implementation = ViewsContract.SnapshotAnswer.class)))
    @ApiResponse(responseCode = "404", description = "No snapshot yet for the bot (NO_SNAPSHOT)")
    @GetMapping(path = "/api/v1/supervisor/snapshot", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> snapshot(@Parameter(description = "one bot only", example = "bot-1") @RequestParam(name = "bot_id", required = false) String botId) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (botId != null) {
            Snapshot s = views.snapshot(botId).filter(known -> views.isKnown(botId)).orElseThrow(() ->
                    new ApiException(HttpStatus.NOT_FOUND, "NO_SNAPSHOT", "no snapshot yet for this bot", "bot_id"));
            out.putAll(BotView.snapshot(s));
            return out;
        }
        out.put("snapshots", views.snapshots().stream().sorted(java.util.Comparator.comparing(Snapshot::getBotId)).map(BotView::snapshot).toList());
        return out;
    }

    @Operation(operationId = "dashboardOverview", summary = "Dashboard overview: PnL, positions, open orders, states (viewer role)")
    @ApiResponse(responseCode = "200", description = "Sums and every bot",
            content = @Content(schema = @Schema(implementation = ViewsContract.Overview.class)))
    @GetMapping(path = "/api/v1/dashboard/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> overview() {
        long now = System.currentTimeMillis();
        double realized = 0;
        double unrealized = 0;
        int openPositions = 0;
        int openOrders = 0;
        List<Map<String, Object>> bots = new ArrayList<>();
        for (String id : views.botIds()) {
            Map<String, Object> bot = BotView.of(id, views, staleAfter, now);
            realized += bot.get("realized_pnl_today") instanceof Double d ? d : 0;
            unrealized += bot.get("unrealized_pnl") instanceof Double d ? d : 0;
            openPositions += (int) ((List<?>) bot.get("positions")).stream()
                    .filter(p -> p instanceof Map<?, ?> m && m.get("qty") instanceof Double q && q != 0).count();
            openOrders += bot.get("open_orders") instanceof Integer n ? n : 0;
            bots.add(bot);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", Instant.ofEpochMilli(now).toString());
        out.put("total_pnl", realized + unrealized);
        out.put("realized_pnl_today", realized);
        out.put("unrealized_pnl", unrealized);
        out.put("open_positions", openPositions);
        out.put("open_orders", openOrders);
        out.put("bots", bots);
        return out;
    }

    @Operation(operationId = "dashboardHealth", summary = "Dashboard health: issues per bot, heartbeat and snapshot times (viewer role)")
    @ApiResponse(responseCode = "200", description = "Overall status and issues",
            content = @Content(schema = @Schema(implementation = ViewsContract.Health.class)))
    @GetMapping(path = "/api/v1/dashboard/health", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> health() {
        long now = System.currentTimeMillis();
        List<String> issues = new ArrayList<>();
        boolean critical = false;
        if (!broker.isUp()) {
            issues.add("kafka: broker unreachable");
            critical = true;
        }
        List<Map<String, Object>> bots = new ArrayList<>();
        for (String id : views.botIds()) {
            Map<String, Object> bot = BotView.of(id, views, staleAfter, now);
            if (!"ok".equals(bot.get("heartbeat_status"))) {
                issues.add(id + ": heartbeat " + bot.get("heartbeat_status"));
            }
            if (Boolean.TRUE.equals(bot.get("halted"))) {
                issues.add(id + ": trading halted" + (bot.get("state_reason") == null ? "" : " (" + bot.get("state_reason") + ")"));
                critical = true;
            }
            Object process = bot.get("process_state");
            if ("FAILED".equals(process) || "EXITED".equals(process)) {
                issues.add(id + ": process " + process);
                critical = true;
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            for (String key : List.of("bot_id", "heartbeat_status", "last_heartbeat_time", "heartbeat_age_ms", "trading_state",
                    "process_state", "last_snapshot_time")) {
                summary.put(key, bot.get(key));
            }
            bots.add(summary);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("timestamp", Instant.ofEpochMilli(now).toString());
        out.put("status", critical ? "critical" : issues.isEmpty() ? "ok" : "degraded");
        out.put("issues", issues);
        out.put("bots", bots);
        return out;
    }

    @Operation(operationId = "dashboardEvents", summary = "Recent supervisor events, newest first; ?limit=1..1000&types=A,B&bot_id= (viewer role)")
    @ApiResponse(responseCode = "200", description = "Matching events from the live view",
            content = @Content(schema = @Schema(implementation = ViewsContract.Events.class)))
    @ApiResponse(responseCode = "400", description = "limit or types is invalid")
    @GetMapping(path = "/api/v1/dashboard/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> events(
            @Parameter(description = "1 to 1000, default 100", schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
            @RequestParam(name = "limit", required = false) String limit,
            @Parameter(description = "comma-separated event types", example = "RISK_BREACH,TRADING_STATE_CHANGED")
            @RequestParam(name = "types", required = false) String types,
            @Parameter(description = "one bot only", example = "bot-1") @RequestParam(name = "bot_id", required = false) String botId) {
        int max = parseLimit(limit);
        Set<EventType> wanted = parseTypes(types);
        List<Map<String, Object>> out = new ArrayList<>();
        for (SupervisorEvent e : views.recentEvents(max,
                e -> (wanted.isEmpty() || wanted.contains(e.getEventType())) && (botId == null || botId.equals(e.getBotId())))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", Instant.ofEpochMilli(e.getTsMs()).toString());
            m.put("type", e.getEventType().name());
            m.put("severity", e.getSeverity().name());
            m.put("bot_id", e.getBotId());
            m.put("symbol", e.getSymbol());
            m.put("source", e.getSource());
            m.put("message", e.getMessage());
            m.put("details", e.getAttributes());
            m.put("event_id", e.getEventId());
            m.put("correlation_id", e.getCorrelationId());
            out.add(m);
        }
        return Map.of("events", out);
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_EVENTS) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest("INVALID_VALUE", "limit", "limit must be a whole number from 1 to " + MAX_EVENTS);
    }

    private static Set<EventType> parseTypes(String types) {
        if (types == null || types.isBlank()) {
            return Set.of();
        }
        Set<EventType> out = EnumSet.noneOf(EventType.class);
        for (String t : types.split(",")) {
            try {
                out.add(EventType.valueOf(t.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("INVALID_VALUE", "types", "unknown event type " + t.strip());
            }
        }
        return out;
    }
}
