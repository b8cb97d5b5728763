package com.quantumedge.supervisor.clickhouse.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.ServerVersion;

/**
 * Brings a database to the current schema at start: applies the migrations not yet recorded in
 * {@code schema_migrations}, in version order, and records each; then creates the raw table of any
 * topic added to the catalog since (migration 1 ran with the catalog of its day) and adds any column
 * a newer Avro schema has and a table lacks. Every statement is idempotent ({@code IF NOT EXISTS}), so a start
 * that died half way through a migration simply runs it again.
 */
public final class Migrator {

    public static final String MIGRATIONS_TABLE = "schema_migrations";
    public static final String PROGRESS_TABLE = "sink_batches";

    private static final Logger log = LoggerFactory.getLogger(Migrator.class);

    private final ClickHouse clickHouse;
    private final String db;
    private final TableLayouts layouts;
    private final int retentionDays;

    public Migrator(ClickHouse clickHouse, String database, TableLayouts layouts, int retentionDays) {
        this.clickHouse = clickHouse;
        this.db = database;
        this.layouts = layouts;
        this.retentionDays = retentionDays;
    }

    public List<Migration> migrations(ServerVersion server) {
        List<String> raw = new ArrayList<>();
        for (TableLayout layout : layouts.all()) {
            raw.add(layout.createStatement(db, server, retentionDays));
        }
        return List.of(
                new Migration(1, "raw tables, one per record type", raw),
                new Migration(2, "per-minute and per-day rollups", Rollups.statements(db)),
                new Migration(3, "sink progress", List.of("""
                        CREATE TABLE IF NOT EXISTS %s.%s (
                          sink_id String,
                          batch_at DateTime,
                          batch_ms Int64,
                          rows UInt64,
                          duration_ms UInt32
                        ) ENGINE = MergeTree() PARTITION BY toYYYYMMDD(batch_at) ORDER BY (sink_id, batch_ms)%s"""
                        .formatted(db, PROGRESS_TABLE, server.supportsTtl() && retentionDays > 0
                                ? "\nTTL batch_at + INTERVAL " + retentionDays + " DAY" : ""))));
    }

    /** Applies what is missing and returns the versions applied by this call. */
    public List<Integer> migrate() {
        ServerVersion server = clickHouse.version();
        clickHouse.execute("CREATE DATABASE IF NOT EXISTS " + db);
        clickHouse.execute("""
                CREATE TABLE IF NOT EXISTS %s.%s (version UInt32, name String, applied_at DateTime)
                ENGINE = ReplacingMergeTree() ORDER BY version""".formatted(db, MIGRATIONS_TABLE));
        Set<Integer> done = applied();
        List<Integer> appliedNow = new ArrayList<>();
        for (Migration m : migrations(server)) {
            if (done.contains(m.version())) {
                continue;
            }
            for (String sql : m.statements()) {
                clickHouse.execute(sql);
            }
            clickHouse.execute("INSERT INTO %s.%s (version, name, applied_at) VALUES (%d, '%s', now())"
                    .formatted(db, MIGRATIONS_TABLE, m.version(), m.name().replace("'", "\\'")));
            appliedNow.add(m.version());
            log.info("applied ClickHouse migration {} ({}) to {} on server {}", m.version(), m.name(), db, server);
        }
        addMissingTablesAndColumns(server);
        return appliedNow;
    }

    /** Whether the database exists: diag tells a missing database from one that is behind. */
    public boolean databaseExists() {
        return clickHouse.queryLong("SELECT count() FROM system.databases WHERE name = " + ClickHouse.quote(db)) > 0;
    }

    /** Whether {@link #MIGRATIONS_TABLE} exists: without it nothing was migrated yet. */
    public boolean migrationsTableExists() {
        return clickHouse.queryLong("SELECT count() FROM system.tables WHERE database = %s AND name = %s"
                .formatted(ClickHouse.quote(db), ClickHouse.quote(MIGRATIONS_TABLE))) > 0;
    }

    public Set<Integer> applied() {
        Set<Integer> versions = new HashSet<>();
        for (List<String> row : clickHouse.query("SELECT DISTINCT version FROM %s.%s".formatted(db, MIGRATIONS_TABLE))) {
            versions.add(Integer.parseInt(row.get(0)));
        }
        return versions;
    }

    private void addMissingTablesAndColumns(ServerVersion server) {
        for (TableLayout layout : layouts.all()) {
            Set<String> existing = new HashSet<>();
            for (List<String> row : clickHouse.query("SELECT name FROM system.columns WHERE database = '%s' AND table = '%s'"
                    .formatted(db, layout.table()))) {
                existing.add(row.get(0));
            }
            if (existing.isEmpty()) {
                clickHouse.execute(layout.createStatement(db, server, retentionDays));
                log.info("created {} for a topic added to the catalog after this database was created", layout.qualified(db));
                continue;
            }
            for (var c : layout.columns()) {
                if (!existing.contains(c.name())) {
                    // Same type as a new table gets: rows written before read the type's default.
                    String t = c.type(server.supportsLowCardinality());
                    clickHouse.execute("ALTER TABLE %s ADD COLUMN %s %s".formatted(layout.qualified(db), c.quotedName(), t));
                    log.info("added column {} {} to {}", c.name(), t, layout.qualified(db));
                }
            }
        }
    }
}
