package com.quantumedge.supervisor.clickhouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.quantumedge.supervisor.clickhouse.schema.SinkProgress;

/**
 * The rows the dialect test inserts on both engines, as plain SQL: two bots over a few minutes of
 * one day with heartbeats (one redelivered), decisions of several codes, fills that open and close
 * a position, a restart and a halt, the risk state before the day and the sink's progress.
 */
final class DialectData {

    static final Instant DAY_START = Instant.parse("2026-12-06T00:00:00Z");
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final List<String> BOTS = List.of("bot-a", "bot-b");

    private DialectData() {
    }

    static List<String> inserts(String db) {
        List<String> sql = new ArrayList<>();
        long t0 = T0.toEpochMilli();
        for (int b = 0; b < BOTS.size(); b++) {
            String bot = BOTS.get(b);
            for (int i = 0; i < 8; i++) {
                long ts = t0 + i * 30_000L + b * 1_000L;
                sql.add(insert(db, "heartbeats", row("event_id", "hb-" + bot + "-" + i, "bot_id", bot, "ts_ms", ts,
                        "equity", 10_000.0 + b * 500 + i * 12.25 - (i % 3) * 7.5, "realized_pnl_today", i * 1.1,
                        "unrealized_pnl", -i * 0.3, "trading_day", "2026-12-06", "open_order_count", i % 2)));
            }
            // A redelivered heartbeat: same event id and time; FINAL and uniqExact must not count it twice.
            sql.add(insert(db, "heartbeats", row("event_id", "hb-" + bot + "-3", "bot_id", bot, "ts_ms", t0 + 90_000L + b * 1_000L,
                    "equity", 10_000.0 + b * 500 + 3 * 12.25, "realized_pnl_today", 3.3, "unrealized_pnl", -0.9,
                    "trading_day", "2026-12-06", "open_order_count", 1)));
            String[] codes = {"OK", "OK", "QTY_EXCEEDS_MAX", "OK", "TRADING_HALTED", "OK"};
            for (int i = 0; i < codes.length; i++) {
                sql.add(insert(db, "order_decisions", row("event_id", "dec-" + bot + "-" + i, "bot_id", bot,
                        "ts_ms", t0 + i * 40_000L + b * 2_000L, "correlation_id", "corr-" + bot + "-" + i, "symbol", "BTCUSDT",
                        "side", i % 2 == 0 ? "BUY" : "SELL", "quantity", 0.5 + i, "allowed", "OK".equals(codes[i]) ? 1 : 0,
                        "code", codes[i], "reason", "r" + i, "trading_state", "ACTIVE", "risk_multiplier", 1.0,
                        "request_ts_ms", t0 + i * 40_000L)));
            }
            Object[][] fills = {{"BUY", 1.0, 100.0, 0.1}, {"BUY", 1.0, 104.0, 0.1}, {"SELL", 1.5, 110.0, 0.2},
                    {"SELL", 1.0, 90.0, 0.1}, {"BUY", 0.5, 95.0, 0.05}};
            for (int i = 0; i < fills.length; i++) {
                sql.add(insert(db, "executions", row("event_id", "ex-" + bot + "-" + i, "bot_id", bot,
                        "ts_ms", t0 + i * 45_000L + b * 3_000L, "exec_id", "x-" + bot + "-" + i, "exec_type", "FILL",
                        "symbol", "ETHUSDT", "side", fills[i][0], "qty", fills[i][1], "price", fills[i][2], "fee", fills[i][3],
                        "fee_asset", "USDT")));
            }
            sql.add(insert(db, "executions", row("event_id", "ex-" + bot + "-cancel", "bot_id", bot, "ts_ms", t0 + 200_000L,
                    "exec_id", "x-" + bot + "-c", "exec_type", "CANCEL", "symbol", "ETHUSDT", "side", "BUY", "qty", 1.0,
                    "fee", 0.0)));
            sql.add(insert(db, "risk_state", row("event_id", "rs-" + bot, "bot_id", bot, "ts_ms", DAY_START.toEpochMilli() - 60_000L,
                    "sequence", 7L, "trading_state", "ACTIVE", "state_since_ts_ms", 0L, "risk_multiplier", 1.0,
                    "equity", 9_900.0, "positions", "[{\"symbol\":\"BTCUSDT\",\"qty\":2.0,\"avg_price\":95.5}]")));
            sql.add(insert(db, "events", row("event_id", "ev-restart-" + bot, "bot_id", bot, "ts_ms", t0 + 50_000L,
                    "event_type", "RESTART_REQUESTED", "severity", "WARNING", "source", "policy-service",
                    "message", "heartbeat stale", "attributes", "{}")));
            if (b == 0) {
                sql.add(insert(db, "events", row("event_id", "ev-halt-" + bot, "bot_id", bot, "ts_ms", t0 + 120_000L,
                        "event_type", "TRADING_STATE_CHANGED", "severity", "CRITICAL", "source", "risk-stream",
                        "message", "drawdown", "attributes", "{\"from\":\"ACTIVE\",\"to\":\"HALTED\"}")));
            }
        }
        // The sink's own statement: what the status reader reads must be what the sink writes.
        sql.add(SinkProgress.insert(db, StoreDefaults.SINK_GROUP_ID, T0.toEpochMilli() + 300_000, 120, 15));
        sql.add(SinkProgress.insert(db, StoreDefaults.SINK_GROUP_ID, T0.toEpochMilli() + 301_000, 30, 9));
        return sql;
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** INSERT … SELECT with literals: {@code ts} from {@code ts_ms}, a fixed ingestion time, Kafka coordinates. */
    private static String insert(String db, String table, Map<String, Object> values) {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner vals = new StringJoiner(", ");
        for (var e : values.entrySet()) {
            cols.add("`" + e.getKey() + "`");
            vals.add(literal(e.getValue()));
        }
        long tsMs = (Long) values.get("ts_ms");
        cols.add("ts").add("kafka_topic").add("kafka_partition").add("kafka_offset").add("ingested_at");
        vals.add("toDateTime(" + Math.floorDiv(tsMs, 1000) + ")").add("'test." + table + "'").add("0")
                .add(Long.toString(Math.floorMod(tsMs, 1_000_000))).add("toDateTime(" + (Math.floorDiv(tsMs, 1000) + 1) + ")");
        return "INSERT INTO %s.%s (%s) SELECT %s".formatted(db, table, cols, vals);
    }

    private static String literal(Object v) {
        if (v instanceof String s) {
            return ClickHouse.quote(s);
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%s", d);
        }
        return String.valueOf(v);
    }
}
