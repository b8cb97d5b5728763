package com.quantumedge.supervisor.sink.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ExecType;
import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.Side;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.query.AuditReport;
import com.quantumedge.supervisor.clickhouse.query.HistoryQueries;
import com.quantumedge.supervisor.clickhouse.query.TsdbStatus;
import com.quantumedge.supervisor.clickhouse.query.TsdbStatusReader;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.testing.Produce;
import com.quantumedge.supervisor.sink.testing.RunningSink;

/** The gateway's read side against a real ClickHouse filled by a real sink. */
class QueriesTest {

    private static final ClickHouse ch = SharedClickHouse.client();
    private static final String db = SharedClickHouse.uniqueDatabase();
    private static final String bot = SharedKafkaBroker.uniqueName("bot");
    private static final String group = SharedKafkaBroker.uniqueName("group");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private static final long T0 = 1_772_409_600_000L; // 2026-03-02T00:00:00Z
    private static RunningSink sink;
    private static final TableLayouts layouts = TableLayouts.forCatalog(Set.of());

    @BeforeAll
    static void sinkADay() {
        RunningSink.migrate(ch, db);
        sink = RunningSink.start(RunningSink.settings(db, group), ch);
        try (Produce produce = new Produce()) {
            for (int i = 0; i < 10; i++) {
                Heartbeat h = SampleRecords.heartbeat(bot);
                h.setTsMs(T0 + i * 30_000L);
                h.setEquity(1_000.0 + i);
                h.setRealizedPnlToday((double) i);
                h.setUnrealizedPnl(0.5);
                produce.send(Topics.HEARTBEATS, bot, h);
            }
            // Two round trips on BTC: +10 (win 10*1 - fees) and -5 (loss), one on ETH still open.
            fill(produce, T0 + 1_000, "BTCUSDT", Side.BUY, 1, 100, 0.1);
            fill(produce, T0 + 2_000, "BTCUSDT", Side.SELL, 1, 110, 0.1);
            fill(produce, T0 + 3_000, "BTCUSDT", Side.SELL, 2, 100, 0.1);
            fill(produce, T0 + 4_000, "BTCUSDT", Side.BUY, 2, 102.5, 0.1);
            fill(produce, T0 + 5_000, "ETHUSDT", Side.BUY, 1, 50, 0.1);
            for (int i = 0; i < 6; i++) {
                OrderDecision d = SampleRecords.orderDecision(bot);
                d.setTsMs(T0 + i * 20_000L);
                d.setCode(i < 4 ? DecisionCode.OK : DecisionCode.DAILY_LOSS_LIMIT);
                produce.send(Topics.ORDER_DECISIONS, bot, d);
            }
            produce.send(Topics.EVENTS, bot, event(EventType.RESTART_REQUESTED, T0 + 60_000, Map.of()));
            produce.send(Topics.EVENTS, bot, event(EventType.TRADING_STATE_CHANGED, T0 + 70_000, Map.of("to", "HALTED")));
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                ch.queryLong("SELECT count() FROM %s.events WHERE bot_id = '%s'".formatted(db, bot)) == 2
                        && ch.queryLong("SELECT count() FROM %s.executions WHERE bot_id = '%s'".formatted(db, bot)) == 5
                        && ch.queryLong("SELECT count() FROM %s.heartbeats WHERE bot_id = '%s'".formatted(db, bot)) == 10
                        && ch.queryLong("SELECT count() FROM %s.order_decisions WHERE bot_id = '%s'".formatted(db, bot)) == 6);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        sink.close();
    }

    private static void fill(Produce produce, long ts, String symbol, Side side, double qty, double price, double fee) {
        Execution e = SampleRecords.execution(bot);
        e.setTsMs(ts);
        e.setExecType(ExecType.FILL);
        e.setSymbol(symbol);
        e.setSide(side);
        e.setQty(qty);
        e.setPrice(price);
        e.setFee(fee);
        produce.send(Topics.EXECUTIONS, bot, e);
    }

    private static SupervisorEvent event(EventType type, long ts, Map<String, String> attributes) {
        SupervisorEvent e = SampleRecords.supervisorEvent(bot);
        e.setEventType(type);
        e.setTsMs(ts);
        e.setAttributes(Map.copyOf(attributes));
        return e;
    }

    private final HistoryQueries history = new HistoryQueries(ch, db, layouts);

    @Test
    @DisplayName("the equity series per minute has the last equity and PnL of each minute")
    void equityPerMinute() {
        var points = history.equity(bot, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 600_000), Duration.ofMinutes(1));
        assertThat(points).extracting(HistoryQueries.EquityPoint::equity).containsExactly(1001.0, 1003.0, 1005.0, 1007.0, 1009.0);
        assertThat(points.get(0).tsMs()).isEqualTo(T0);
        assertThat(points.get(4).realizedPnl()).isEqualTo(9.0);
        assertThat(points.get(4).equityMin()).isEqualTo(1008.0);
    }

    @Test
    @DisplayName("a coarser step merges the minutes and a finer one reads the raw heartbeats")
    void equitySteps() {
        Instant from = Instant.ofEpochMilli(T0);
        Instant to = Instant.ofEpochMilli(T0 + 600_000);
        assertThat(history.equity(bot, from, to, Duration.ofMinutes(5))).singleElement()
                .satisfies(p -> assertThat(p.equity()).isEqualTo(1009.0)).satisfies(p -> assertThat(p.samples()).isEqualTo(10));
        assertThat(history.equity(bot, from, to, Duration.ofSeconds(30))).hasSize(10);
    }

    @Test
    @DisplayName("decisions by code over time count each code per step")
    void decisionsByCode() {
        var counts = history.decisionsByCode(bot, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 600_000), Duration.ofMinutes(10));
        assertThat(counts).extracting(c -> c.code() + "=" + c.count()).containsExactly("DAILY_LOSS_LIMIT=2", "OK=4");
    }

    @Test
    @DisplayName("event search by type, bot and time returns the newest first with named columns")
    void eventSearch() {
        var rows = history.events("events", bot, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 600_000), 10);
        assertThat(rows).extracting(r -> r.get("event_type")).containsExactly("TRADING_STATE_CHANGED", "RESTART_REQUESTED");
        assertThat(rows.get(0)).containsEntry("bot_id", bot).containsKey("kafka_offset");
    }

    @Test
    @DisplayName("an unknown type or an empty range is refused naming the parameter")
    void badParameters() {
        Instant t = Instant.ofEpochMilli(T0);
        assertThatThrownBy(() -> history.events("users; DROP TABLE x", bot, t, t.plusSeconds(1), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("type:");
        assertThatThrownBy(() -> history.equity(bot, t, t, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("from:");
        assertThat(history.events("events", "x' OR '1'='1", t, t.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    @DisplayName("the daily audit report has trades, win rate, PnL, decisions by code, halts and restarts")
    void auditReport() {
        AuditReport report = new AuditReport(ch, db);
        var s = report.summary(bot, DAY);
        assertThat(s.fills()).isEqualTo(5);
        assertThat(s.trades()).isEqualTo(2);
        assertThat(s.wins()).isEqualTo(1);
        assertThat(s.realizedPnl()).isCloseTo(10 - 0.1 - 5 - 0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.halts()).isEqualTo(1);
        assertThat(s.restarts()).isEqualTo(1);
        assertThat(s.decisionsByCode()).containsEntry("OK", 4L).containsEntry("DAILY_LOSS_LIMIT", 2L);
        String md = report.markdown(bot, DAY);
        assertThat(md).startsWith("# Audit report: " + bot + ", 2026-03-02 (UTC)")
                .contains("| win rate | 50.0 % |").contains("| halts | 1 |").contains("| restarts | 1 |")
                .contains("| DAILY_LOSS_LIMIT | 2 |").contains("| equity open / close | 1000.00 / 1009.00 |");
    }

    @Test
    @DisplayName("the status shows enabled, reachable, lag, last write time and rows written without asking the sink")
    void status() throws Exception {
        try (Admin admin = SharedKafkaBroker.admin()) {
            TsdbStatusReader reader = new TsdbStatusReader(true, ch, db, admin, group, layouts.topics(), Topics.PARTITIONS);
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.status().consumerLag() == 0L);
            TsdbStatus status = reader.status();
            assertThat(status.enabled()).isTrue();
            assertThat(status.reachable()).isTrue();
            assertThat(status.serverVersion()).isNotBlank();
            assertThat(status.rowsWritten()).isGreaterThanOrEqualTo(23);
            assertThat(status.lastWriteMs()).isGreaterThan(System.currentTimeMillis() - 600_000);
            assertThat(status.error()).isNull();

            TsdbStatus disabled = new TsdbStatusReader(false, null, db, admin, group, List.of(), 6).status();
            assertThat(disabled.enabled()).isFalse();
            assertThat(disabled.reachable()).isFalse();
        }
    }
}
