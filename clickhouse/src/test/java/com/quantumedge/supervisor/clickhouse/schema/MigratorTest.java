package com.quantumedge.supervisor.clickhouse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.ServerVersion;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;

class MigratorTest {

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();
    private final TableLayouts layouts = TableLayouts.forCatalog(Set.of());

    @Test
    @DisplayName("the first start applies every migration in order and records each in schema_migrations")
    void appliesAndRecords() {
        Migrator migrator = new Migrator(ch, db, layouts, 30);
        assertThat(migrator.migrate()).containsExactly(1, 2, 3);
        assertThat(ch.query("SELECT version, name FROM %s.schema_migrations ORDER BY version".formatted(db)))
                .extracting(r -> r.get(0)).containsExactly("1", "2", "3");
        assertThat(ch.queryLong("SELECT count() FROM system.tables WHERE database = '%s'".formatted(db)))
                .as("13 raw tables, 3 rollups and their 3 views, progress, migrations").isEqualTo(13 + 6 + 1 + 1);
    }

    @Test
    @DisplayName("a second start applies nothing and changes nothing")
    void idempotent() {
        new Migrator(ch, db, layouts, 30).migrate();
        assertThat(new Migrator(ch, db, layouts, 30).migrate()).isEmpty();
        assertThat(ch.queryLong("SELECT count() FROM %s.schema_migrations".formatted(db))).isEqualTo(3);
    }

    @Test
    @DisplayName("a column that a newer record schema has and the table lacks is added at start")
    void addsMissingColumns() {
        new Migrator(ch, db, layouts, 30).migrate();
        ch.execute("ALTER TABLE %s.ticks DROP COLUMN source".formatted(db));
        new Migrator(ch, db, layouts, 30).migrate();
        assertThat(ch.queryLong("SELECT count() FROM system.columns WHERE database = '%s' AND table = 'ticks' AND name = 'source'"
                .formatted(db))).isEqualTo(1);
    }

    @Test
    @DisplayName("the raw table of a topic added to the catalog after the database was created is created at start")
    void createsTablesOfNewTopics() {
        new Migrator(ch, db, layouts, 30).migrate();
        String alerts = layouts.forTopic("sup.alerts.v1").orElseThrow().table();
        ch.execute("DROP TABLE %s.%s".formatted(db, alerts));
        assertThat(new Migrator(ch, db, layouts, 30).migrate()).as("no migration is due").isEmpty();
        assertThat(ch.queryLong("SELECT count() FROM system.tables WHERE database = '%s' AND name = '%s'".formatted(db, alerts)))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("this server is detected as 18.16, which gets neither TTL nor LowCardinality")
    void detectsOldServer() {
        ServerVersion v = ch.version();
        assertThat(v.supportsTtl()).isEqualTo(v.atLeast(20, 1));
        String ddl = layouts.forTopic("qe.executions.v1").orElseThrow().createStatement(db, v, 30);
        if (!v.atLeast(20, 1)) {
            assertThat(ddl).doesNotContain("TTL").doesNotContain("LowCardinality");
        }
    }

    @Test
    @DisplayName("a modern server gets TTL retention and LowCardinality for enums and ids")
    void modernDdl() {
        String ddl = layouts.forTopic("qe.executions.v1").orElseThrow()
                .createStatement("db", ServerVersion.parse("24.8.4.13"), 30);
        assertThat(ddl).contains("TTL ts + INTERVAL 30 DAY")
                .contains("`exec_type` LowCardinality(String)")
                .contains("`bot_id` LowCardinality(String)")
                .contains("`fee_asset` LowCardinality(Nullable(String))")
                .contains("ENGINE = ReplacingMergeTree()")
                .contains("ORDER BY (bot_id, ts, event_id)");
    }

    @Test
    @DisplayName("18.16 gets plain types and no TTL")
    void oldDdl() {
        String ddl = layouts.forTopic("qe.executions.v1").orElseThrow()
                .createStatement("db", ServerVersion.parse("18.16.1"), 30);
        assertThat(ddl).doesNotContain("TTL").doesNotContain("LowCardinality").contains("`exec_type` String")
                .contains("`fee_asset` Nullable(String)");
    }
}
