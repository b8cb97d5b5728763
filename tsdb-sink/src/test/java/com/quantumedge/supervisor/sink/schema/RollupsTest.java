package com.quantumedge.supervisor.sink.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Rollups;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.testing.Produce;
import com.quantumedge.supervisor.sink.testing.RunningSink;

/** Each rollup equals the aggregate of the deduplicated raw rows, also when records were delivered twice. */
class RollupsTest {

    private static final ClickHouse ch = SharedClickHouse.client();
    private static final String db = SharedClickHouse.uniqueDatabase();
    private static final String bot = SharedKafkaBroker.uniqueName("bot");
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static RunningSink sink;

    @BeforeAll
    static void sinkThreeMinutesOfActivity() {
        RunningSink.migrate(ch, db);
        sink = RunningSink.start(RunningSink.settings(db, SharedKafkaBroker.uniqueName("group")), ch);
        DecisionCode[] codes = {DecisionCode.OK, DecisionCode.OK, DecisionCode.QTY_EXCEEDS_MAX, DecisionCode.TRADING_HALTED};
        int expectedRows = 0;
        try (Produce produce = new Produce()) {
            for (int i = 0; i < 180; i++) {
                long ts = T0 + i * 1_000L + (i % 7) * 13;
                Heartbeat h = SampleRecords.heartbeat(bot);
                h.setTsMs(ts);
                h.setEquity(10_000 + Math.sin(i / 10.0) * 250 + i * 0.37);
                h.setRealizedPnlToday(i * 1.25 - 40);
                h.setUnrealizedPnl((i % 11) - 5.5);
                produce.send(Topics.HEARTBEATS, bot, h);
                OrderDecision d = SampleRecords.orderDecision(bot);
                d.setTsMs(ts + 3);
                d.setCode(codes[i % codes.length]);
                produce.send(Topics.ORDER_DECISIONS, bot, d);
                if (i % 20 == 0) {
                    // Redelivered copies: the same records twice must not change any rollup.
                    produce.send(Topics.HEARTBEATS, bot, h);
                    produce.send(Topics.ORDER_DECISIONS, bot, d);
                }
            }
            for (int day = 0; day < 2; day++) {
                for (int k = 0; k < 3 + day; k++) {
                    produce.send(Topics.EVENTS, bot, event(EventType.RESTART_REQUESTED, T0 + day * 86_400_000L + k * 60_000L, Map.of()));
                }
                SupervisorEvent halt = event(EventType.TRADING_STATE_CHANGED, T0 + day * 86_400_000L + 5_000, Map.of("from", "ACTIVE", "to", "HALTED"));
                produce.send(Topics.EVENTS, bot, halt);
                produce.send(Topics.EVENTS, bot, halt);
                produce.send(Topics.EVENTS, bot, event(EventType.TRADING_STATE_CHANGED, T0 + day * 86_400_000L + 9_000, Map.of("from", "HALTED", "to", "ACTIVE")));
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                ch.queryLong("SELECT count() FROM %s.heartbeats FINAL WHERE bot_id = '%s'".formatted(db, bot)) == 180
                        && ch.queryLong("SELECT count() FROM %s.order_decisions FINAL WHERE bot_id = '%s'".formatted(db, bot)) == 180
                        && ch.queryLong("SELECT count() FROM %s.events FINAL WHERE bot_id = '%s'".formatted(db, bot)) == 11);
    }

    private static SupervisorEvent event(EventType type, long ts, Map<String, String> attributes) {
        SupervisorEvent e = SampleRecords.supervisorEvent(bot);
        e.setEventType(type);
        e.setTsMs(ts);
        e.setAttributes(Map.copyOf(attributes));
        return e;
    }

    @AfterAll
    static void stop() throws InterruptedException {
        sink.close();
    }

    @Test
    @DisplayName("per-minute equity and PnL per bot equals last, min and max of the raw heartbeats of that minute")
    void equityPerMinute() {
        String rollup = ch.query("""
                SELECT minute, argMaxMerge(equity_last), minMerge(equity_min), maxMerge(equity_max),
                  argMaxMerge(realized_pnl_last), argMaxMerge(unrealized_pnl_last), uniqExactMerge(samples)
                FROM %s.equity_1m WHERE bot_id = '%s' GROUP BY minute ORDER BY minute""".formatted(db, bot)).toString();
        String raw = ch.query("""
                SELECT toStartOfMinute(ts) AS minute, argMax(assumeNotNull(equity), ts_ms), min(assumeNotNull(equity)),
                  max(assumeNotNull(equity)), argMax(assumeNotNull(realized_pnl_today), ts_ms),
                  argMax(assumeNotNull(unrealized_pnl), ts_ms), count()
                FROM %s.heartbeats FINAL WHERE bot_id = '%s' AND isNotNull(equity) GROUP BY minute ORDER BY minute"""
                .formatted(db, bot)).toString();
        assertThat(rollup).isEqualTo(raw).contains("2026-01-01 00:02:00");
    }

    @Test
    @DisplayName("per-minute decisions by code equals the count of raw decisions per minute and code")
    void decisionsPerMinute() {
        String rollup = ch.query("""
                SELECT minute, code, uniqExactMerge(decisions) FROM %s.decisions_1m WHERE bot_id = '%s'
                GROUP BY minute, code ORDER BY minute, code""".formatted(db, bot)).toString();
        String raw = ch.query("""
                SELECT toStartOfMinute(ts) AS minute, code, count() FROM %s.order_decisions FINAL WHERE bot_id = '%s'
                GROUP BY minute, code ORDER BY minute, code""".formatted(db, bot)).toString();
        assertThat(rollup).isEqualTo(raw).contains("QTY_EXCEEDS_MAX");
    }

    @Test
    @DisplayName("restarts and halts per day equal the raw restart requests and changes to HALTED of that day")
    void lifecyclePerDay() {
        String rollup = ch.query("""
                SELECT day, uniqExactIfMerge(restarts), uniqExactIfMerge(halts) FROM %s.lifecycle_1d WHERE bot_id = '%s'
                GROUP BY day ORDER BY day""".formatted(db, bot)).toString();
        String raw = ch.query("""
                SELECT toDate(ts) AS day, countIf(%s), countIf(%s) FROM %s.events FINAL WHERE bot_id = '%s'
                GROUP BY day ORDER BY day""".formatted(Rollups.RESTART_CONDITION, Rollups.HALT_CONDITION, db, bot)).toString();
        assertThat(rollup).isEqualTo(raw).isEqualTo("[[2026-01-01, 3, 1], [2026-01-02, 4, 1]]");
    }
}
