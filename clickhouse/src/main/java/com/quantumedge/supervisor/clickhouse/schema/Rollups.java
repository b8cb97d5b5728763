package com.quantumedge.supervisor.clickhouse.schema;

import java.util.List;

/**
 * Rollups kept by materialized views as inserts arrive. Every aggregate is one that a redelivered
 * duplicate row cannot change ({@code argMax} by event time, {@code min}, {@code max},
 * {@code uniqExact(event_id)}), so a rollup equals the aggregate of the deduplicated raw rows even
 * though the views see each insert, duplicates included. Read them with the {@code -Merge} ({@code uniqExactIfMerge} for restarts and halts)
 * combinators and GROUP BY the key.
 */
public final class Rollups {

    public static final String EQUITY_1M = "equity_1m";
    public static final String DECISIONS_1M = "decisions_1m";
    public static final String LIFECYCLE_1D = "lifecycle_1d";

    /** Event type and attribute that mark a halt: a trading-state change whose {@code to} is HALTED. */
    public static final String HALT_CONDITION =
            "event_type = 'TRADING_STATE_CHANGED' AND visitParamExtractString(attributes, 'to') = 'HALTED'";
    public static final String RESTART_CONDITION = "event_type = 'RESTART_REQUESTED'";

    private Rollups() {
    }

    public static List<String> statements(String db) {
        return List.of(
                """
                CREATE TABLE IF NOT EXISTS %1$s.equity_1m (
                  bot_id String,
                  minute DateTime,
                  equity_last AggregateFunction(argMax, Float64, Int64),
                  equity_min AggregateFunction(min, Float64),
                  equity_max AggregateFunction(max, Float64),
                  realized_pnl_last AggregateFunction(argMax, Float64, Int64),
                  unrealized_pnl_last AggregateFunction(argMax, Float64, Int64),
                  samples AggregateFunction(uniqExact, String)
                ) ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMMDD(minute) ORDER BY (bot_id, minute)""".formatted(db),
                """
                CREATE MATERIALIZED VIEW IF NOT EXISTS %1$s.equity_1m_mv TO %1$s.equity_1m AS
                SELECT bot_id, toStartOfMinute(ts) AS minute,
                  argMaxState(assumeNotNull(equity), ts_ms) AS equity_last,
                  minState(assumeNotNull(equity)) AS equity_min,
                  maxState(assumeNotNull(equity)) AS equity_max,
                  argMaxState(ifNull(realized_pnl_today, 0.), ts_ms) AS realized_pnl_last,
                  argMaxState(ifNull(unrealized_pnl, 0.), ts_ms) AS unrealized_pnl_last,
                  uniqExactState(event_id) AS samples
                FROM %1$s.heartbeats WHERE isNotNull(equity)
                GROUP BY bot_id, minute""".formatted(db),
                """
                CREATE TABLE IF NOT EXISTS %1$s.decisions_1m (
                  bot_id String,
                  minute DateTime,
                  code String,
                  decisions AggregateFunction(uniqExact, String)
                ) ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMMDD(minute) ORDER BY (bot_id, minute, code)""".formatted(db),
                """
                CREATE MATERIALIZED VIEW IF NOT EXISTS %1$s.decisions_1m_mv TO %1$s.decisions_1m AS
                SELECT bot_id, toStartOfMinute(ts) AS minute, toString(code) AS code, uniqExactState(event_id) AS decisions
                FROM %1$s.order_decisions
                GROUP BY bot_id, minute, code""".formatted(db),
                """
                CREATE TABLE IF NOT EXISTS %1$s.lifecycle_1d (
                  bot_id String,
                  day Date,
                  restarts AggregateFunction(uniqExactIf, String, UInt8),
                  halts AggregateFunction(uniqExactIf, String, UInt8)
                ) ENGINE = AggregatingMergeTree() PARTITION BY toYYYYMM(day) ORDER BY (bot_id, day)""".formatted(db),
                """
                CREATE MATERIALIZED VIEW IF NOT EXISTS %1$s.lifecycle_1d_mv TO %1$s.lifecycle_1d AS
                SELECT bot_id, toDate(ts) AS day,
                  uniqExactIfState(event_id, %2$s) AS restarts,
                  uniqExactIfState(event_id, %3$s) AS halts
                FROM %1$s.events WHERE (%2$s) OR (%3$s)
                GROUP BY bot_id, day""".formatted(db, RESTART_CONDITION, HALT_CONDITION));
    }
}
