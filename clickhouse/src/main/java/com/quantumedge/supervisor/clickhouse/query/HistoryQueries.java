package com.quantumedge.supervisor.clickhouse.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;

/**
 * History for the gateway's viewer API. Steps of a minute or more read the rollups; finer steps
 * read the raw rows (deduplicated with FINAL). Parameters are validated here and every string is
 * quoted, so the caller may pass request values through.
 */
public final class HistoryQueries {

    public static final int MAX_EVENTS = 1_000;
    public static final int MAX_POINTS = 10_000;

    private final ClickHouse clickHouse;
    private final String db;
    private final TableLayouts layouts;

    public HistoryQueries(ClickHouse clickHouse, String database, TableLayouts layouts) {
        this.clickHouse = clickHouse;
        this.db = database;
        this.layouts = layouts;
    }

    /** One step of a bot's equity: last, lowest and highest equity in the step and the last PnL figures. */
    public record EquityPoint(long tsMs, double equity, double equityMin, double equityMax, double realizedPnl,
            double unrealizedPnl, long samples) {
    }

    /** How many decisions with one code a bot got in one step. */
    public record DecisionCount(long tsMs, String code, long count) {
    }

    public List<EquityPoint> equity(String botId, Instant from, Instant to, Duration step) {
        long stepS = checkStep(from, to, step);
        String sql;
        if (stepS % 60 == 0) {
            sql = """
                    SELECT intDiv(toUInt32(minute), %1$d) * %1$d AS bucket,
                      argMaxMerge(equity_last), minMerge(equity_min), maxMerge(equity_max),
                      argMaxMerge(realized_pnl_last), argMaxMerge(unrealized_pnl_last), uniqExactMerge(samples)
                    FROM %2$s.equity_1m
                    WHERE bot_id = %3$s AND minute >= toDateTime(%4$d) AND minute < toDateTime(%5$d)
                    GROUP BY bucket ORDER BY bucket""";
        } else {
            sql = """
                    SELECT intDiv(toUInt32(ts), %1$d) * %1$d AS bucket,
                      argMax(assumeNotNull(equity), ts_ms), min(assumeNotNull(equity)), max(assumeNotNull(equity)),
                      argMax(ifNull(realized_pnl_today, 0.), ts_ms), argMax(ifNull(unrealized_pnl, 0.), ts_ms), count()
                    FROM %2$s.heartbeats FINAL
                    WHERE bot_id = %3$s AND isNotNull(equity) AND ts >= toDateTime(%4$d) AND ts < toDateTime(%5$d)
                    GROUP BY bucket ORDER BY bucket""";
        }
        List<EquityPoint> out = new ArrayList<>();
        for (List<String> r : clickHouse.query(sql.formatted(stepS, db, ClickHouse.quote(botId), from.getEpochSecond(),
                to.getEpochSecond()))) {
            out.add(new EquityPoint(Long.parseLong(r.get(0)) * 1000, Double.parseDouble(r.get(1)), Double.parseDouble(r.get(2)),
                    Double.parseDouble(r.get(3)), Double.parseDouble(r.get(4)), Double.parseDouble(r.get(5)),
                    Long.parseLong(r.get(6))));
        }
        return out;
    }

    /** Decisions per code per step, from the per-minute rollup; the step is whole minutes. */
    public List<DecisionCount> decisionsByCode(String botId, Instant from, Instant to, Duration step) {
        long stepS = checkStep(from, to, step);
        if (stepS % 60 != 0) {
            throw new IllegalArgumentException("step: decisions are kept per minute; use a whole number of minutes");
        }
        List<DecisionCount> out = new ArrayList<>();
        for (List<String> r : clickHouse.query("""
                SELECT intDiv(toUInt32(minute), %1$d) * %1$d AS bucket, code, uniqExactMerge(decisions)
                FROM %2$s.decisions_1m
                WHERE bot_id = %3$s AND minute >= toDateTime(%4$d) AND minute < toDateTime(%5$d)
                GROUP BY bucket, code ORDER BY bucket, code"""
                .formatted(stepS, db, ClickHouse.quote(botId), from.getEpochSecond(), to.getEpochSecond()))) {
            out.add(new DecisionCount(Long.parseLong(r.get(0)) * 1000, r.get(1), Long.parseLong(r.get(2))));
        }
        return out;
    }

    /**
     * Stored events of one type (a table name such as {@code events}, {@code executions},
     * {@code order_decisions}), newest first, optionally of one bot, as column name to text value.
     */
    public List<Map<String, String>> events(String type, String botId, Instant from, Instant to, int limit) {
        TableLayout layout = layouts.all().stream().filter(l -> l.table().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("type: unknown record type '" + type + "'; one of "
                        + layouts.all().stream().map(TableLayout::table).toList()));
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new IllegalArgumentException("limit: must be between 1 and " + MAX_EVENTS);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from: must be before to");
        }
        String botFilter = botId == null || botId.isBlank() ? "" : " AND bot_id = " + ClickHouse.quote(botId);
        return clickHouse.queryNamed("""
                SELECT * FROM %s FINAL WHERE ts >= toDateTime(%d) AND ts < toDateTime(%d)%s
                ORDER BY ts_ms DESC, event_id LIMIT %d"""
                .formatted(layout.qualified(db), from.getEpochSecond(), to.getEpochSecond(), botFilter, limit));
    }

    private static long checkStep(Instant from, Instant to, Duration step) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from: must be before to");
        }
        long s = step.getSeconds();
        if (s < 1) {
            throw new IllegalArgumentException("step: must be at least one second");
        }
        if (Duration.between(from, to).getSeconds() / s > MAX_POINTS) {
            throw new IllegalArgumentException("step: more than " + MAX_POINTS + " points; use a larger step");
        }
        return s;
    }
}
