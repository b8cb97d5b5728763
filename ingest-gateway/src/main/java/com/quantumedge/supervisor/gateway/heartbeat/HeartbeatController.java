package com.quantumedge.supervisor.gateway.heartbeat;

import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OpenOrderReport;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.gateway.api.HeartbeatContract;
import com.quantumedge.supervisor.gateway.kafka.RecordPublisher;
import com.quantumedge.supervisor.gateway.security.CallerBot;
import com.quantumedge.supervisor.gateway.views.LiveViews;
import com.quantumedge.supervisor.gateway.views.RiskFlags;
import com.quantumedge.supervisor.gateway.web.ApiException;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.schemas.NumericBounds;
import com.quantumedge.supervisor.schemas.Topics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The original bot's heartbeat, {@code POST /api/v1/heartbeat}. Known fields are validated and typed;
 * fields the contract does not name are kept as JSON text in {@code extra}, not rejected.
 */
@RestController
@Tag(name = "bot")
public class HeartbeatController {

    static final Set<String> KNOWN = Set.of("bot_id", "ts_ms", "uptime_s", "equity", "realized_pnl_today", "unrealized_pnl",
            "trading_day", "positions", "open_orders", "open_order_count", "mode", "version");
    private static final Pattern TRADING_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SHORT_TEXT = Pattern.compile("[A-Za-z0-9._+:-]{1,64}");
    /** Versions are free-form in the wild ("sim-bot/1.0", "3.2.1 (abc123)"): printable ASCII, bounded. */
    private static final Pattern VERSION_TEXT = Pattern.compile("[\\x20-\\x7E]{1,64}");
    private static final int MAX_ITEMS = 1000;

    private final RecordPublisher publisher;
    private final LiveViews views;

    public HeartbeatController(RecordPublisher publisher, LiveViews views) {
        this.publisher = publisher;
        this.views = views;
    }

    @Operation(operationId = "heartbeat", summary = "Bot heartbeat (bot role)",
            description = "Body: uptime_s, equity, realized_pnl_today, unrealized_pnl, trading_day, positions[] (symbol, qty signed, "
                    + "avg_price, mark_price), open_orders (count or list), mode, version; other fields kept in extra. "
                    + "Answers heartbeat_status, last_heartbeat_time, halted, llm_paused, risk_multiplier, trading_state.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = HeartbeatContract.Request.class)))
    @ApiResponse(responseCode = "200", description = "Recorded; the bot's current risk flags",
            content = @Content(schema = @Schema(implementation = HeartbeatContract.Answer.class)))
    @ApiResponse(responseCode = "503", description = "The event log is unavailable (BROKER_UNAVAILABLE)")
    @PostMapping(path = "/api/v1/heartbeat", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Map<String, Object>> heartbeat(@RequestBody(required = false) String body, Principal principal) {
        Heartbeat heartbeat = parse(JsonBody.parse(body), principal, System.currentTimeMillis());
        return publisher.publish(Topics.HEARTBEATS, heartbeat.getBotId(), heartbeat).map(ignored -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("heartbeat_status", "ok");
            out.put("last_heartbeat_time", Instant.ofEpochMilli(heartbeat.getReceivedTsMs()).toString());
            out.put("bot_id", heartbeat.getBotId());
            out.put("event_id", heartbeat.getEventId());
            out.putAll(RiskFlags.of(views.riskState(heartbeat.getBotId())));
            return out;
        });
    }

    static Heartbeat parse(JsonBody body, Principal principal, long now) {
        String botId = CallerBot.botId(principal, body);
        Map<String, String> extra = new LinkedHashMap<>();
        for (String name : body.fieldNames()) {
            if (!KNOWN.contains(name)) {
                if (extra.size() >= 64 || name.length() > 64) {
                    throw ApiException.badRequest("INVALID_VALUE", name, "too many or too long unknown fields");
                }
                extra.put(name, body.raw(name).toString());
            }
        }
        List<PositionReport> positions = positions(body.raw("positions"));
        List<OpenOrderReport> openOrders = List.of();
        int openOrderCount = body.optionalWholeNumber("open_order_count", 0, 100_000).map(Long::intValue).orElse(0);
        JsonNode orders = body.raw("open_orders");
        if (orders != null && !orders.isNull()) {
            if (orders.isArray()) {
                openOrders = openOrders(orders);
                openOrderCount = openOrders.size();
            } else {
                openOrderCount = body.optionalWholeNumber("open_orders", 0, 100_000).orElse(0L).intValue();
            }
        }
        return Heartbeat.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setBotId(botId)
                .setTsMs(body.optionalEpochMillis("ts_ms").orElse(now))
                .setUptimeS(body.optionalNumber("uptime_s", NumericBounds.DURATION_S).orElse(null))
                .setEquity(body.optionalNumber("equity", NumericBounds.NON_NEGATIVE_MONEY).orElse(null))
                .setRealizedPnlToday(body.optionalNumber("realized_pnl_today", NumericBounds.MONEY).orElse(null))
                .setUnrealizedPnl(body.optionalNumber("unrealized_pnl", NumericBounds.MONEY).orElse(null))
                .setTradingDay(body.optionalString("trading_day", TRADING_DAY).orElse(null))
                .setExtra(extra)
                .setPositions(positions)
                .setOpenOrders(openOrders)
                .setOpenOrderCount(openOrderCount)
                .setMode(body.optionalString("mode", SHORT_TEXT).orElse(null))
                .setVersion(body.optionalString("version", VERSION_TEXT).orElse(null))
                .setReceivedTsMs(now)
                .build();
    }

    private static List<PositionReport> positions(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_ITEMS) {
            throw ApiException.badRequest("INVALID_TYPE", "positions", "positions must be a list of at most " + MAX_ITEMS);
        }
        List<PositionReport> out = new java.util.ArrayList<>();
        int i = 0;
        for (JsonNode item : node.values()) {
            String prefix = "positions[" + i++ + "].";
            out.add(nested(prefix, () -> position(item(item, prefix))));
        }
        return out;
    }

    /**
     * Exchanges list flat positions too (Binance {@code positionRisk}: every symbol, {@code positionAmt}
     * 0 and {@code entryPrice} 0): quantity 0 is flat, and a flat position has no average price. An open
     * one needs a positive average price. A mark price of 0 or none is unknown.
     */
    private static PositionReport position(JsonBody p) {
        String symbol = p.requiredSymbol("symbol");
        double qty = p.requiredNumber("qty", NumericBounds.SIGNED_QUANTITY);
        Double avgPrice = p.optionalPriceOrZero("avg_price").orElse(null);
        if (qty != 0 && avgPrice == null) {
            throw ApiException.badRequest(p.has("avg_price") ? "INVALID_VALUE" : "MISSING_FIELD", "avg_price",
                    "avg_price must be " + NumericBounds.PRICE.describe() + " for an open position (qty not 0)");
        }
        return PositionReport.newBuilder()
                .setSymbol(symbol)
                .setQty(qty)
                .setAvgPrice(qty == 0 ? null : avgPrice)
                .setMarkPrice(p.optionalPriceOrZero("mark_price").orElse(null))
                .build();
    }

    private static List<OpenOrderReport> openOrders(JsonNode node) {
        if (node.size() > MAX_ITEMS) {
            throw ApiException.badRequest("INVALID_VALUE", "open_orders", "at most " + MAX_ITEMS + " open orders");
        }
        List<OpenOrderReport> out = new java.util.ArrayList<>();
        int i = 0;
        for (JsonNode item : node.values()) {
            String prefix = "open_orders[" + i++ + "].";
            JsonBody o = item(item, prefix);
            out.add(OpenOrderReport.newBuilder()
                    .setClientOrderId(nested(prefix, () -> o.optionalString("client_order_id", JsonBody.IDENTIFIER).orElse(null)))
                    .setSymbol(nested(prefix, () -> o.requiredSymbol("symbol")))
                    .setSide(nested(prefix, () -> o.requiredEnum("side", Side.class, EnumSet.allOf(Side.class))))
                    .setQty(nested(prefix, () -> o.requiredNumber("qty", NumericBounds.POSITIVE_QUANTITY)))
                    // a stop-market order has no limit price; exchanges list it as 0
                    .setPrice(nested(prefix, () -> o.optionalPriceOrZero("price").orElse(null)))
                    .build());
        }
        return out;
    }

    private static JsonBody item(JsonNode item, String prefix) {
        if (!item.isObject()) {
            throw ApiException.badRequest("INVALID_TYPE", prefix.substring(0, prefix.length() - 1), "must be an object");
        }
        return JsonBody.of(item);
    }

    /** Re-labels a nested field's error with its full path, e.g. {@code positions[0].qty}. */
    private static <T> T nested(String prefix, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.code(), prefix + e.getMessage(), e.field() == null ? null : prefix + e.field());
        }
    }
}
