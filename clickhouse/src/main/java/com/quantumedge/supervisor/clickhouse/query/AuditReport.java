package com.quantumedge.supervisor.clickhouse.query;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Rollups;

/**
 * The daily audit report of one bot (UTC day) as markdown, from ClickHouse: fills and closed trades
 * with win rate and realized PnL, equity, decisions by code, halts and restarts, events by type.
 * A trade is a fill that reduces an open position; its PnL is against the position's average cost,
 * less the fill's fee, replayed from the day's fills in event-time order (positions open at the
 * start of the day are taken from the last risk state before it).
 */
public final class AuditReport {

    private final ClickHouse clickHouse;
    private final String db;

    public AuditReport(ClickHouse clickHouse, String database) {
        this.clickHouse = clickHouse;
        this.db = database;
    }

    /** The figures of the report, for callers that want numbers rather than markdown. */
    public record Summary(String botId, LocalDate day, long fills, long trades, long wins, double realizedPnl,
            double fees, Map<String, Long> decisionsByCode, long halts, long restarts, Double equityOpen,
            Double equityClose, Double equityMin, Double equityMax, Map<String, Long> eventsByType) {

        public double winRate() {
            return trades == 0 ? 0 : (double) wins / trades;
        }
    }

    public Summary summary(String botId, LocalDate day) {
        String bot = ClickHouse.quote(botId);
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        String range = "ts >= toDateTime(%d) AND ts < toDateTime(%d)".formatted(from, to);

        Map<String, Position> positions = openingPositions(bot, from);
        long fills = 0;
        long trades = 0;
        long wins = 0;
        double pnl = 0;
        double fees = 0;
        for (List<String> f : clickHouse.query("""
                SELECT symbol, side, qty, ifNull(price, 0.), fee FROM %s.executions FINAL
                WHERE bot_id = %s AND %s AND exec_type = 'FILL' ORDER BY ts_ms, event_id""".formatted(db, bot, range))) {
            fills++;
            double fee = Double.parseDouble(f.get(4));
            fees += fee;
            double signed = ("BUY".equals(f.get(1)) ? 1 : -1) * Double.parseDouble(f.get(2));
            double closed = positions.computeIfAbsent(f.get(0), s -> new Position()).apply(signed, Double.parseDouble(f.get(3)));
            if (!Double.isNaN(closed)) {
                trades++;
                double net = closed - fee;
                pnl += net;
                if (net > 0) {
                    wins++;
                }
            }
        }

        Map<String, Long> decisions = new java.util.TreeMap<>();
        for (List<String> r : clickHouse.query("""
                SELECT code, uniqExactMerge(decisions) FROM %s.%s
                WHERE bot_id = %s AND minute >= toDateTime(%d) AND minute < toDateTime(%d) GROUP BY code ORDER BY code"""
                .formatted(db, Rollups.DECISIONS_1M, bot, from, to))) {
            decisions.put(r.get(0), Long.parseLong(r.get(1)));
        }
        long halts = 0;
        long restarts = 0;
        for (List<String> r : clickHouse.query("""
                SELECT uniqExactIfMerge(restarts), uniqExactIfMerge(halts) FROM %s.%s WHERE bot_id = %s AND day = toDate('%s')"""
                .formatted(db, Rollups.LIFECYCLE_1D, bot, day))) {
            restarts = Long.parseLong(r.get(0));
            halts = Long.parseLong(r.get(1));
        }
        Double open = null;
        Double close = null;
        Double min = null;
        Double max = null;
        List<List<String>> eq = clickHouse.query("""
                SELECT argMin(assumeNotNull(equity), ts_ms), argMax(assumeNotNull(equity), ts_ms),
                  min(assumeNotNull(equity)), max(assumeNotNull(equity)), count()
                FROM %s.heartbeats FINAL WHERE bot_id = %s AND %s AND isNotNull(equity)""".formatted(db, bot, range));
        if (!eq.isEmpty() && !"0".equals(eq.get(0).get(4))) {
            open = Double.parseDouble(eq.get(0).get(0));
            close = Double.parseDouble(eq.get(0).get(1));
            min = Double.parseDouble(eq.get(0).get(2));
            max = Double.parseDouble(eq.get(0).get(3));
        }
        Map<String, Long> events = new java.util.TreeMap<>();
        for (List<String> r : clickHouse.query("SELECT event_type, count() FROM %s.events FINAL WHERE bot_id = %s AND %s GROUP BY event_type"
                .formatted(db, bot, range))) {
            events.put(r.get(0), Long.parseLong(r.get(1)));
        }
        return new Summary(botId, day, fills, trades, wins, pnl, fees, decisions, halts, restarts, open, close, min, max, events);
    }

    public String markdown(String botId, LocalDate day) {
        Summary s = summary(botId, day);
        StringBuilder md = new StringBuilder();
        md.append("# Audit report: ").append(botId).append(", ").append(day).append(" (UTC)\n\n");
        md.append("## Trading\n\n| metric | value |\n| --- | --- |\n");
        row(md, "fills", Long.toString(s.fills()));
        row(md, "closed trades", Long.toString(s.trades()));
        row(md, "win rate", s.trades() == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %%", s.winRate() * 100));
        row(md, "realized PnL of closed trades (after fees)", num(s.realizedPnl()));
        row(md, "fees", num(s.fees()));
        row(md, "equity open / close", s.equityOpen() == null ? "n/a" : num(s.equityOpen()) + " / " + num(s.equityClose()));
        row(md, "equity low / high", s.equityMin() == null ? "n/a" : num(s.equityMin()) + " / " + num(s.equityMax()));
        md.append("\n## Supervision\n\n| metric | value |\n| --- | --- |\n");
        row(md, "halts", Long.toString(s.halts()));
        row(md, "restarts", Long.toString(s.restarts()));
        md.append("\n## Order decisions by code\n\n");
        table(md, "code", s.decisionsByCode());
        md.append("\n## Events by type\n\n");
        table(md, "type", s.eventsByType());
        return md.toString();
    }

    private Map<String, Position> openingPositions(String bot, long dayStart) {
        Map<String, Position> out = new HashMap<>();
        List<List<String>> state = clickHouse.query("""
                SELECT positions FROM %s.risk_state FINAL WHERE bot_id = %s AND ts < toDateTime(%d)
                ORDER BY ts_ms DESC LIMIT 1""".formatted(db, bot, dayStart));
        if (state.isEmpty()) {
            return out;
        }
        // positions is JSON text of [{"symbol":..,"qty":..,"avg_price":..,...}, ...]
        for (String item : state.get(0).get(0).split("\\},\\{")) {
            String symbol = field(item, "symbol");
            String qty = field(item, "qty");
            String avg = field(item, "avg_price");
            if (symbol != null && qty != null) {
                Position p = new Position();
                p.qty = Double.parseDouble(qty);
                p.avg = avg == null || "null".equals(avg) ? 0 : Double.parseDouble(avg);
                out.put(symbol, p);
            }
        }
        return out;
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":");
        if (i < 0) {
            return null;
        }
        int start = i + name.length() + 3;
        int end = start;
        if (json.charAt(start) == '"') {
            end = json.indexOf('"', start + 1);
            return json.substring(start + 1, end);
        }
        while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end);
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    private static void table(StringBuilder md, String key, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            md.append("none\n");
            return;
        }
        md.append("| ").append(key).append(" | count |\n| --- | --- |\n");
        counts.forEach((k, v) -> row(md, k, Long.toString(v)));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A signed position at average cost. */
    private static final class Position {
        double qty;
        double avg;

        /** Applies a signed fill; returns the gross PnL of the part that closed, or NaN when nothing closed. */
        double apply(double signedQty, double price) {
            if (qty == 0 || Math.signum(qty) == Math.signum(signedQty)) {
                double newQty = qty + signedQty;
                avg = (avg * Math.abs(qty) + price * Math.abs(signedQty)) / Math.abs(newQty);
                qty = newQty;
                return Double.NaN;
            }
            double closing = Math.min(Math.abs(signedQty), Math.abs(qty));
            double pnl = closing * (price - avg) * Math.signum(qty);
            double rest = Math.abs(signedQty) - closing;
            qty += Math.signum(signedQty) * closing;
            if (rest > 0) {
                qty = Math.signum(signedQty) * rest;
                avg = price;
            } else if (qty == 0) {
                avg = 0;
            }
            return pnl;
        }
    }
}
