package com.quantumedge.supervisor.launcher;

import java.time.Duration;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Migration;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.launcher.DiagCommand.Check;
import com.quantumedge.supervisor.launcher.DiagCommand.Status;

/**
 * Diag's schema check: the migrations recorded in {@code <database>.schema_migrations} against those
 * this build's tsdb-sink would apply. The sink migrates when it starts, so a database that is behind
 * has not yet seen a sink of this version.
 */
final class ClickHouseSchemaCheck {

    static final String NAME = "clickhouse schema";
    private static final String FIX = ": start tsdb-sink to migrate";

    private ClickHouseSchemaCheck() {
    }

    static Check check(String url, String database) {
        try (ClickHouse clickHouse = ClickHouse.connect(url, "default", "", Duration.ofSeconds(10))) {
            return check(clickHouse, database);
        } catch (RuntimeException e) {
            return new Check(NAME, Status.FAIL, "cannot read the schema version of " + database + ": "
                    + SupervisorCli.rootMessage(e));
        }
    }

    static Check check(ClickHouse clickHouse, String database) {
        // Versions do not depend on the server or the sink's settings, only the DDL does.
        Migrator migrator = new Migrator(clickHouse, database, TableLayouts.forCatalog(Set.of()), 0);
        SortedSet<Integer> expected = migrator.migrations(clickHouse.version()).stream().map(Migration::version)
                .collect(Collectors.toCollection(TreeSet::new));
        int latest = expected.last();
        if (!migrator.databaseExists()) {
            return new Check(NAME, Status.FAIL, "database " + database + " does not exist, this build expects schema v" + latest + FIX);
        }
        if (!migrator.migrationsTableExists()) {
            return new Check(NAME, Status.FAIL, database + "." + Migrator.MIGRATIONS_TABLE + " does not exist, this build expects schema v"
                    + latest + FIX);
        }
        SortedSet<Integer> applied = new TreeSet<>(migrator.applied());
        int at = applied.isEmpty() ? 0 : applied.last();
        SortedSet<Integer> missing = new TreeSet<>(expected);
        missing.removeAll(applied);
        if (!missing.isEmpty()) {
            return new Check(NAME, Status.FAIL, "schema at v" + at + ", this build expects v" + latest + " (missing "
                    + versions(missing) + ")" + FIX);
        }
        if (at > latest) {
            return new Check(NAME, Status.WARN, "schema at v" + at + ", newer than this build's v" + latest
                    + ": a newer tsdb-sink migrated " + database + "; upgrade this installation");
        }
        return new Check(NAME, Status.OK, database + " at schema v" + latest + " (migrations " + versions(applied) + " applied)");
    }

    private static String versions(SortedSet<Integer> versions) {
        return versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "));
    }
}
