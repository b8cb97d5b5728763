package com.quantumedge.supervisor.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.PositionReport;
import com.quantumedge.supervisor.clickhouse.ChdbClickHouse;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.DialectComparison;
import com.quantumedge.supervisor.clickhouse.DialectComparison.Outcome;
import com.quantumedge.supervisor.clickhouse.DialectComparison.Step;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;

/**
 * The sink's inserts (and backfill's and import-legacy's, which use the same encoder) on both
 * dialects: RowBinary rows of every record type go into 18.16's tables (plain types, over HTTP) and
 * a current server's (chDB 26.7: LowCardinality, TTL; the bytes read as {@code FORMAT RowBinary})
 * and read back the same. The SQL statements are in clickhouse's {@code ClickHouseDialectTest}.
 */
class RowBinaryOnBothDialectsTest {

    private static final TableLayouts LAYOUTS = TableLayouts.forCatalog(Set.of());
    private static final String AWKWARD = "q\"uote\\back\nnl\rcr\ttab\u0001ctl é 漢 😀";
    private static final long INGESTED_AT_MS = 1_764_000_000_000L;
    /**
     * The sample records are from 2025: a current server drops rows past their TTL right after it
     * writes them, and {@code ts + INTERVAL} beyond 2106 wraps around (so no 100 years either).
     */
    private static final int RETENTION_DAYS = 3_650;

    @Test
    @DisplayName("rows of every record type, awkward text and numbers included, read back the same from 18.16 and a current server")
    void sameRowsOnBothDialects() {
        Path modules = ChdbClickHouse.requireInstalled();
        ClickHouse old = SharedClickHouse.client();
        String db = SharedClickHouse.uniqueDatabase();
        Map<TopicSpec<?>, List<IndexedRecord>> records = records();
        List<Step> reads = new ArrayList<>();
        for (TableLayout layout : LAYOUTS.all()) {
            reads.add(new Step(layout.table(), ch -> ch.query("SELECT * FROM %s ORDER BY event_id".formatted(layout.qualified(db)))));
        }

        try (ChdbClickHouse current = ChdbClickHouse.start(modules, Path.of("target", "chdb-" + UUID.randomUUID().toString()
                .substring(0, 8)).toAbsolutePath())) {
            for (ClickHouse engine : List.of(old, current)) {
                new Migrator(engine, db, LAYOUTS, RETENTION_DAYS).migrate();
                insert(engine, db, records);
            }
            List<Outcome> onOld = DialectComparison.run(old, reads);
            List<Outcome> onCurrent = DialectComparison.run(current, reads);

            assertThat(DialectComparison.differences("18.16", onOld, "current", onCurrent)).isEmpty();
            assertThat(onOld).hasSize(LAYOUTS.all().size()).allSatisfy(o -> {
                assertThat(o.error()).as(o.sql()).isNull();
                assertThat(o.rows()).as(o.sql()).isNotEmpty();
            });
            assertThat(current.queryValue("SELECT type FROM system.columns WHERE database = '%s' AND table = 'executions' AND name = 'exec_type'"
                    .formatted(db))).as("the current server's tables are the current branch's").isEqualTo("LowCardinality(String)");
        }
    }

    /** One record of each type (the samples' ids are random: built once, inserted into both), plus awkward ones. */
    private static Map<TopicSpec<?>, List<IndexedRecord>> records() {
        Map<TopicSpec<?>, List<IndexedRecord>> records = new LinkedHashMap<>();
        SampleRecords.oneOfEach("bot-1").forEach((topic, record) -> records.computeIfAbsent(topic, t -> new ArrayList<>())
                .add((IndexedRecord) record));
        records.get(Topics.HEARTBEATS).add(awkwardHeartbeat());
        records.get(Topics.EXECUTIONS).add(awkwardExecution());
        return records;
    }

    private static void insert(ClickHouse engine, String db, Map<TopicSpec<?>, List<IndexedRecord>> records) {
        long offset = 0;
        for (var e : records.entrySet()) {
            TableLayout layout = LAYOUTS.forTopic(e.getKey().name()).orElseThrow();
            RowBinary rows = new RowBinary(4096);
            for (IndexedRecord record : e.getValue()) {
                RowEncoder.append(layout, record, e.getKey().name(), 0, offset++, INGESTED_AT_MS, rows);
            }
            engine.insertRowBinary(layout.qualified(db), rows.array(), rows.size());
        }
    }

    private static Heartbeat awkwardHeartbeat() {
        Heartbeat h = SampleRecords.heartbeat(AWKWARD);
        h.setEventId("awkward-hb");
        h.setTradingDay(AWKWARD);
        h.setExtra(Map.of(AWKWARD, AWKWARD));
        h.setEquity(Double.NaN);
        h.setUptimeS(-0.0);
        h.setUnrealizedPnl(null);
        h.setPositions(List.of(new PositionReport(AWKWARD, Double.POSITIVE_INFINITY, Double.NaN, -0.0),
                new PositionReport("x", Double.MIN_VALUE, Double.MAX_VALUE, 1e-300)));
        h.setReceivedTsMs(Long.MIN_VALUE);
        h.setOpenOrderCount(Integer.MIN_VALUE);
        return h;
    }

    private static Execution awkwardExecution() {
        Execution e = SampleRecords.execution(AWKWARD);
        e.setEventId("awkward-ex");
        e.setPrice(null);
        e.setReason(AWKWARD);
        e.setQty(Double.NEGATIVE_INFINITY);
        return e;
    }
}
