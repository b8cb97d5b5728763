package com.quantumedge.supervisor.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.DialectComparison.Outcome;
import com.quantumedge.supervisor.clickhouse.DialectComparison.Step;
import com.quantumedge.supervisor.clickhouse.query.AuditReport;
import com.quantumedge.supervisor.clickhouse.MainSqlStatements.Constant;
import com.quantumedge.supervisor.clickhouse.query.HistoryQueries;
import com.quantumedge.supervisor.clickhouse.query.StoredEventIds;
import com.quantumedge.supervisor.clickhouse.query.TsdbStatusReader;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.Partitions;
import com.quantumedge.supervisor.clickhouse.schema.Partitions.Partition;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * Every statement the project writes, on both ClickHouse dialects it meets: Debian's 18.16 (a real
 * server, {@link SharedClickHouse}) and a current one (chDB 26.7, what {@code docker-compose.yml}'s
 * 25.8 is closer to). Each engine gets its own branch of the migrations, the same rows, and then
 * the same history, audit, status, rollup and Grafana queries, diag's schema check, import-legacy's
 * lookup and the sink's retention; every SELECT's result must agree. {@link MainSqlStatements}
 * finds every SQL constant in main code, and each must have run here.
 *
 * <p>RowBinary inserts (the sink, backfill, import-legacy) carry no SQL text of the project's (the
 * client writes {@code INSERT INTO t FORMAT RowBinary}); their rows are compared on both engines
 * by tsdb-sink's {@code RowBinaryOnBothDialectsTest}, which has the encoder.
 */
class ClickHouseDialectTest {

    private static final TableLayouts LAYOUTS = TableLayouts.forCatalog(Set.of());
    private static final Instant FROM = DialectData.T0.minus(Duration.ofHours(1));
    private static final Instant TO = DialectData.T0.plus(Duration.ofHours(1));

    private static final Queue<String> LOG_OLD = StatementLog.newLog();
    private static final Queue<String> LOG_CURRENT = StatementLog.newLog();

    private static ClickHouse old;
    private static ClickHouse current;
    private static ChdbClickHouse chdb;
    private static String db;
    private static List<Step> steps;
    private static List<Outcome> onOld;
    private static List<Outcome> onCurrent;
    /** What each engine ran in {@link #bothEngines()} (normalized): the statements every test can rely on, whatever the test order. */
    private static List<String> ranOnOld;
    private static List<String> ranOnCurrent;

    @BeforeAll
    static void bothEngines() {
        Path modules = ChdbClickHouse.requireInstalled();
        old = new StatementLog(SharedClickHouse.client(), LOG_OLD);
        chdb = ChdbClickHouse.start(modules, Path.of("target", "chdb-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath());
        current = new StatementLog(chdb, LOG_CURRENT);
        db = SharedClickHouse.uniqueDatabase();
        for (ClickHouse engine : List.of(old, current)) {
            new Migrator(engine, db, LAYOUTS, StoreDefaults.RETENTION_DAYS).migrate();
            DialectData.inserts(db).forEach(engine::execute);
        }
        steps = everyQuery();
        onOld = DialectComparison.run(old, steps);
        onCurrent = DialectComparison.run(current, steps);
        ranOnOld = MainSqlStatements.normalizedAll(LOG_OLD);
        ranOnCurrent = MainSqlStatements.normalizedAll(LOG_CURRENT);
    }

    @AfterAll
    static void stop() {
        if (chdb != null) {
            chdb.close();
        }
    }

    @Test
    @DisplayName("the engines are the two dialects: 18.16 and a current server")
    void twoDialects() {
        assertThat(old.version().supportsTtl()).as("the server under test is the old dialect").isFalse();
        assertThat(current.version().atLeast(25, 8)).as("chDB is at least the deployed 25.8").isTrue();
    }

    @Test
    @DisplayName("every migration of the current-server branch applies on a current server: TTL and LowCardinality included")
    void currentBranchMigrates() {
        String own = SharedClickHouse.uniqueDatabase();
        Migrator migrator = new Migrator(current, own, LAYOUTS, 30);
        assertThat(migrator.migrate()).containsExactly(1, 2, 3);
        assertThat(migrator.migrate()).as("a second start applies nothing").isEmpty();
        assertThat(current.queryValue("SELECT engine_full FROM system.tables WHERE database = '%s' AND name = 'executions'"
                .formatted(own))).contains("ReplacingMergeTree").contains("TTL");
        assertThat(current.queryValue("SELECT type FROM system.columns WHERE database = '%s' AND table = 'executions' AND name = 'exec_type'"
                .formatted(own))).isEqualTo("LowCardinality(String)");
        current.execute("ALTER TABLE %s.executions DROP COLUMN fee_asset".formatted(own));
        new Migrator(current, own, LAYOUTS, 30).migrate();
        assertThat(current.queryValue("SELECT type FROM system.columns WHERE database = '%s' AND table = 'executions' AND name = 'fee_asset'"
                .formatted(own))).as("a missing column comes back with the current branch's type")
                .isEqualTo("LowCardinality(Nullable(String))");
    }

    @Test
    @DisplayName("history, audit, status, rollup, Grafana, diag, import-legacy and retention statements return the same rows on 18.16 and on a current server")
    void sameResults() {
        assertThat(DialectComparison.differences("18.16", onOld, "current", onCurrent)).isEmpty();
        System.out.printf("compared %d SELECTs of %d steps on %s and %s; %d returned rows%n", onOld.size(), steps.size(),
                old.version(), current.version(), onOld.stream().filter(o -> o.rows() != null && !o.rows().isEmpty()).count());
        assertThat(onOld).as("every step ran its queries").hasSizeGreaterThanOrEqualTo(steps.size());
        assertThat(onOld).allSatisfy(o -> assertThat(o.error()).as(o.sql()).isNull());
        assertThat(onOld.stream().filter(o -> !o.rows().isEmpty()).count())
                .as("the data reached most queries: a comparison of empty results proves little")
                .isGreaterThan(onOld.size() * 3 / 4);
    }

    @Test
    @DisplayName("the harness reports a statement that only a current server accepts (a window function)")
    void reportsCurrentOnlyStatement() {
        String windowed = """
                SELECT bot_id, (ts_ms - lagInFrame(ts_ms, 1, ts_ms) OVER (PARTITION BY bot_id ORDER BY ts_ms
                  ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) / 1000 AS age_s
                FROM %s.heartbeats FINAL ORDER BY bot_id, ts_ms""".formatted(db);
        List<Step> steps = List.of(new Step("window function", ch -> ch.query(windowed)));

        List<String> differences = DialectComparison.differences("18.16", DialectComparison.run(old, steps),
                "current", DialectComparison.run(current, steps));

        assertThat(differences).singleElement().asString().contains("18.16 failed").contains("current ok");
    }

    @Test
    @DisplayName("the harness reports a statement that only 18.16 accepts (runningDifference without its opt-in)")
    void reportsOldOnlyStatement() {
        List<Step> steps = List.of(new Step("runningDifference",
                ch -> ch.query("SELECT runningDifference(ts_ms) FROM (SELECT ts_ms FROM %s.heartbeats FINAL ORDER BY ts_ms)".formatted(db))));

        List<String> differences = DialectComparison.differences("18.16", DialectComparison.run(old, steps),
                "current", DialectComparison.run(current, steps));

        assertThat(differences).singleElement().asString().contains("18.16 ok").contains("current failed");
    }

    @Test
    @DisplayName("the harness reports rows that differ between the engines")
    void reportsDifferentRows() {
        List<Step> steps = List.of(new Step("major version", ch -> ch.query("SELECT substring(version(), 1, 2)")));

        List<String> differences = DialectComparison.differences("18.16", DialectComparison.run(old, steps),
                "current", DialectComparison.run(current, steps));

        assertThat(differences).singleElement().asString().contains("18.16 '18'").contains("current '26'");
    }

    @Test
    @DisplayName("every SQL constant in main code ran on the engines, and none lives outside the clickhouse module")
    void everyMainStatementRan() {
        List<Constant> constants = MainSqlStatements.find(MainSqlStatements.repositoryRoot());
        assertThat(constants).as("the scan reads the statements at all").hasSizeGreaterThan(15)
                .anySatisfy(c -> assertThat(c.text()).contains("system.parts"))
                .anySatisfy(c -> assertThat(c.text()).contains("CREATE TABLE IF NOT EXISTS"));

        assertThat(constants).as("SQL outside the clickhouse module cannot be run by this test: move it into clickhouse-store")
                .allSatisfy(c -> assertThat(c.module()).isEqualTo(MainSqlStatements.OWN_MODULE));
        List<String> ran = new ArrayList<>(ranOnOld);
        ran.addAll(ranOnCurrent);
        assertThat(constants).as("statements the dialect test never ran: add a step to everyQuery()")
                .allSatisfy(c -> assertThat(c.missingFrom(ran)).as(c.toString()).isEmpty());
        // Branch-specific DDL (TTL, LowCardinality) runs on its own engine; everything else ran on both.
        assertThat(constants.stream().filter(c -> !c.missingFrom(ranOnOld).isEmpty() || !c.missingFrom(ranOnCurrent).isEmpty()))
                .as("statements that ran on one engine only").allSatisfy(c -> assertThat(c.text()).containsAnyOf("TTL", "LowCardinality"));
        System.out.printf("%d SQL constants in main code; all ran (%d statements on 18.16, %d on the current server)%n",
                constants.size(), ranOnOld.size(), ranOnCurrent.size());
    }

    @Test
    @DisplayName("the scan reports a statement that never ran and one outside the clickhouse module")
    void scanReportsUncoveredStatements() {
        String source = """
                class Retention {
                    String parts = "SELECT DISTINCT table, partition FROM system.parts WHERE database = '%s'";
                    String neverRun = \"""
                            SELECT count() FROM %s.heartbeats
                            WHERE bot_id = %s AND equity < 0\""";
                    String notSql = "selected %s";
                }
                """;
        List<Constant> found = MainSqlStatements.find("tsdb-sink", "Retention.java", source);

        assertThat(found).extracting(Constant::line).containsExactly(2, 3);
        assertThat(found).allSatisfy(c -> assertThat(c.module()).isNotEqualTo(MainSqlStatements.OWN_MODULE));
        List<String> ran = MainSqlStatements.normalizedAll(List.of(
                "SELECT DISTINCT table, partition FROM system.parts WHERE database = 'qe' AND active",
                "SELECT count() FROM qe.heartbeats\n  WHERE bot_id = 'a'"));
        assertThat(found.get(0).missingFrom(ran)).isEmpty();
        assertThat(found.get(1).missingFrom(ran)).containsExactly("AND equity < 0");
    }

    private static List<Step> everyQuery() {
        List<Step> steps = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(DialectData.T0, ZoneOffset.UTC);
        for (String bot : DialectData.BOTS) {
            steps.add(new Step("equity per minute of " + bot, ch -> history(ch).equity(bot, FROM, TO, Duration.ofMinutes(1))));
            steps.add(new Step("equity per 5 minutes of " + bot, ch -> history(ch).equity(bot, FROM, TO, Duration.ofMinutes(5))));
            steps.add(new Step("equity per 10 s of " + bot, ch -> history(ch).equity(bot, FROM, TO, Duration.ofSeconds(10))));
            steps.add(new Step("decisions per minute of " + bot, ch -> history(ch).decisionsByCode(bot, FROM, TO, Duration.ofMinutes(1))));
            steps.add(new Step("audit of " + bot, ch -> new AuditReport(ch, db).markdown(bot, day)));
        }
        for (TableLayout layout : LAYOUTS.all()) {
            steps.add(new Step("events of " + layout.table(), ch -> history(ch).events(layout.table(), null, FROM, TO, 100)));
        }
        steps.add(new Step("events of one bot", ch -> history(ch).events("events", "bot-a", FROM, TO, 100)));
        steps.add(new Step("sink status", ch -> new TsdbStatusReader(true, ch, db, null, StoreDefaults.SINK_GROUP_ID,
                LAYOUTS.topics(), 1).status()));
        steps.add(new Step("equity rollup", ch -> ch.query("""
                SELECT bot_id, minute, argMaxMerge(equity_last), minMerge(equity_min), maxMerge(equity_max),
                  argMaxMerge(realized_pnl_last), argMaxMerge(unrealized_pnl_last), uniqExactMerge(samples)
                FROM %s.equity_1m GROUP BY bot_id, minute ORDER BY bot_id, minute""".formatted(db))));
        steps.add(new Step("decisions rollup", ch -> ch.query("""
                SELECT bot_id, minute, code, uniqExactMerge(decisions) FROM %s.decisions_1m
                GROUP BY bot_id, minute, code ORDER BY bot_id, minute, code""".formatted(db))));
        steps.add(new Step("lifecycle rollup", ch -> ch.query("""
                SELECT bot_id, day, uniqExactIfMerge(restarts), uniqExactIfMerge(halts) FROM %s.lifecycle_1d
                GROUP BY bot_id, day ORDER BY bot_id, day""".formatted(db))));
        for (GrafanaPanels.Panel panel : GrafanaPanels.expanded(db, FROM, TO, DialectData.BOTS)) {
            steps.add(new Step("Grafana: " + panel.title(), ch -> ch.query(panel.sql())));
        }
        steps.add(new Step("diag: server version and clock", ch -> ch.query(ServerVersion.VERSION_AND_CLOCK_QUERY)));
        steps.add(new Step("diag: schema check", ch -> {
            Migrator migrator = new Migrator(ch, db, LAYOUTS, 0);
            migrator.databaseExists();
            migrator.migrationsTableExists();
            migrator.applied();
            new Migrator(ch, db + "_missing", LAYOUTS, 0).databaseExists();
        }));
        steps.add(new Step("import-legacy: ids already stored", ch -> StoredEventIds.of(ch, db, TableLayouts.of(Topics.EVENTS),
                "test.events", "bot-a")));
        steps.add(new Step("migration: a column missing from an older table comes back", ch -> {
            ch.execute("ALTER TABLE %s.executions DROP COLUMN fee_asset".formatted(db));
            new Migrator(ch, db, LAYOUTS, StoreDefaults.RETENTION_DAYS).migrate();
        }));
        // Retention by DROP PARTITION is what 18.16 needs (no TTL); current servers accept it too. Last: it deletes rows.
        steps.add(new Step("retention: active partitions", ch -> Partitions.active(ch, db)));
        steps.add(new Step("retention: drop the executions' day", ch -> {
            for (Partition p : Partitions.active(ch, db)) {
                if (p.table().equals("executions")) {
                    Partitions.drop(ch, db, p);
                }
            }
            ch.query("SELECT count() FROM %s.executions".formatted(db));
        }));
        return steps;
    }

    private static HistoryQueries history(ClickHouse ch) {
        return new HistoryQueries(ch, db, LAYOUTS);
    }
}
