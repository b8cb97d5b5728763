package com.quantumedge.supervisor.simbot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.quantumedge.supervisor.simbot.trading.Fill;
import com.quantumedge.supervisor.simbot.trading.OrderIntent;
import com.quantumedge.supervisor.simbot.trading.Position;
import com.quantumedge.supervisor.simbot.trading.TradingSimulator;

/** The JSON bodies the bot sends, field names as in the original bot's contract. */
public final class BotRequests {

    public static final String VERSION = "sim-bot/1.0";

    private BotRequests() {
    }

    public static Map<String, Object> heartbeat(String botId, TradingSimulator sim, double uptimeS, String runMode,
            int openOrders, long nowMs) {
        List<Object> positions = new ArrayList<>();
        for (Position p : sim.portfolio().openPositions()) {
            Map<String, Object> pos = new LinkedHashMap<>();
            pos.put("symbol", p.symbol());
            pos.put("qty", p.qty());
            pos.put("avg_price", p.avgPrice());
            pos.put("mark_price", sim.mark());
            positions.add(pos);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bot_id", botId);
        body.put("ts_ms", nowMs);
        body.put("uptime_s", uptimeS);
        body.put("equity", sim.equity());
        body.put("realized_pnl_today", sim.portfolio().realizedPnl());
        body.put("trading_day", LocalDate.ofEpochDay(Math.floorDiv(nowMs, 86_400_000L)).toString());
        body.put("positions", positions);
        body.put("open_orders", openOrders);
        body.put("mode", runMode);
        body.put("version", VERSION);
        return body;
    }

    public static Map<String, Object> orderCheck(String botId, OrderIntent order, long nowMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bot_id", botId);
        body.put("ts_ms", nowMs);
        body.put("symbol", order.symbol());
        body.put("side", order.side().name());
        body.put("order_type", order.orderType());
        body.put("quantity", order.qty());
        body.put("price", order.price());
        body.put("notional", order.notional());
        body.put("leverage", order.leverage());
        body.put("is_reduce_only", order.reduceOnly());
        body.put("client_order_id", order.clientOrderId());
        return body;
    }

    public static Map<String, Object> execution(String botId, Fill fill, long nowMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bot_id", botId);
        body.put("ts_ms", nowMs);
        body.put("exec_id", fill.execId());
        body.put("exec_type", "FILL");
        body.put("client_order_id", fill.clientOrderId());
        body.put("symbol", fill.symbol());
        body.put("side", fill.side().name());
        body.put("qty", fill.qty());
        body.put("price", fill.price());
        body.put("fee", fill.fee());
        body.put("leaves_qty", 0.0);
        return body;
    }

    static String runId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
