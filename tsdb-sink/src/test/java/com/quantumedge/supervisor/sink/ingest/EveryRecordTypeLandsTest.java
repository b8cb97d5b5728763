package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.testing.Produce;
import com.quantumedge.supervisor.sink.testing.RunningSink;

class EveryRecordTypeLandsTest {

    private static final ClickHouse ch = SharedClickHouse.client();
    private static final String db = SharedClickHouse.uniqueDatabase();
    private static final String bot = SharedKafkaBroker.uniqueName("bot");
    private static Map<TopicSpec<?>, SpecificRecord> produced;
    private static RunningSink sink;

    @BeforeAll
    static void sinkOneOfEach() {
        RunningSink.migrate(ch, db);
        sink = RunningSink.start(RunningSink.settings(db, SharedKafkaBroker.uniqueName("group")), ch);
        produced = SampleRecords.oneOfEach(bot);
        try (Produce produce = new Produce()) {
            produce.sendAll(produced, bot);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> produced.keySet().stream()
                .allMatch(t -> ch.queryLong("SELECT count() FROM %s.%s WHERE bot_id = '%s'"
                        .formatted(db, TableLayout.tableName(t.name()), bot)) == 1));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        sink.close();
    }

    private static List<String> row(String table, String columns) {
        return ch.query("SELECT %s FROM %s.%s FINAL WHERE bot_id = '%s'".formatted(columns, db, table, bot)).get(0);
    }

    @Test
    @DisplayName("every catalog record type lands in its own table, once, with its event id, event time and Kafka coordinates")
    void everyTypeLandsWithCommonColumns() {
        for (Map.Entry<TopicSpec<?>, SpecificRecord> e : produced.entrySet()) {
            String table = TableLayout.tableName(e.getKey().name());
            List<String> r = row(table, "event_id, toInt64(ts), ts_ms, kafka_topic, kafka_partition >= 0, kafka_offset >= 0");
            SpecificRecord v = e.getValue();
            long tsMs = (Long) v.get(v.getSchema().getField("ts_ms").pos());
            assertThat(r).as(table).containsExactly(v.get(0).toString(), Long.toString(tsMs / 1000), Long.toString(tsMs),
                    e.getKey().name(), "1", "1");
        }
    }

    @Test
    @DisplayName("heartbeat numbers are exact to the last bit and nested positions are kept as JSON")
    void heartbeatColumns() {
        List<String> r = row("heartbeats", "equity = 10250.75, realized_pnl_today = -12.5, uptime_s, trading_day, "
                + "visitParamExtractString(extra, 'strategy'), positions, open_order_count, received_ts_ms");
        assertThat(r).containsExactly("1", "1", "3600.5", "2025-11-24", "\"scalper-v3\"",
                "[{\"symbol\":\"BTCUSDT\",\"qty\":0.015,\"avg_price\":64000.0,\"mark_price\":64210.5},"
                        + "{\"symbol\":\"ETHUSDT\",\"qty\":-0.4,\"avg_price\":3100.0,\"mark_price\":null}]",
                "1", Long.toString(SampleRecords.TS + 3));
    }

    @Test
    @DisplayName("order decisions keep symbol, side, code and the limit that was checked, with SQL keywords as column names")
    void decisionColumns() {
        List<String> r = row("order_decisions", "symbol, side, allowed, code, `check`, `limit`, `value`, request_ts_ms");
        assertThat(r).containsExactly("BTCUSDT", "BUY", "0", "NOTIONAL_EXCEEDS_MAX", "NotionalCheck", "500", "641",
                Long.toString(SampleRecords.TS));
    }

    @Test
    @DisplayName("executions keep nulls as NULL and numbers as numbers")
    void executionColumns() {
        List<String> r = row("executions", "exec_type, symbol, side, qty, price, fee, fee_asset, isNull(reason)");
        assertThat(r).containsExactly("FILL", "BTCUSDT", "BUY", "0.01", "64100", "0.0256", "USDT", "1");
    }

    @Test
    @DisplayName("risk state, commands, agent status, events, snapshots and limits keep their typed fields")
    void otherColumns() {
        assertThat(row("risk_state", "trading_state, sequence, drawdown_pct, open_reservations"))
                .containsExactly("REDUCING", "42", "1.435", "1");
        assertThat(row("operator_commands", "command_type, issued_by, visitParamExtractString(args, 'multiplier')"))
                .containsExactly("SET_RISK_MULTIPLIER", "operator:alice", "0.5");
        assertThat(row("control_commands", "command_type, origin")).containsExactly("RESTART", "StaleHeartbeatRule");
        assertThat(row("agent_status", "kind, ack, process_state, pid, isNull(exit_code), restart_count"))
                .containsExactly("COMMAND_ACK", "DONE", "RUNNING", "4242", "1", "2");
        assertThat(row("events", "event_type, severity, source, isNull(symbol), visitParamExtractString(attributes, 'value')"))
                .containsExactly("RISK_BREACH", "CRITICAL", "risk-stream", "1", "12.1");
        assertThat(row("snapshots", "trading_state, heartbeat_age_ms, open_alerts"))
                .containsExactly("ACTIVE", "850", "[\"HEARTBEAT_STALE\"]");
        assertThat(row("risk_limits", "version, max_open_orders, new_day_lifts_daily_loss_halt"))
                .containsExactly("3", "20", "0");
        assertThat(row("ticks", "source")).containsExactly("tick-source");
    }

    @Test
    @DisplayName("the sink reads every catalog topic except the DLQ")
    void readsEveryTopic() {
        assertThat(produced.keySet()).hasSize(Topics.ALL.size() - 1);
    }
}
