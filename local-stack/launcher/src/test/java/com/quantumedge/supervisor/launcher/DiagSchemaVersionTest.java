package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.LocalClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Migration;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.localkafka.testing.KafkaBrokerExtension;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

/** diag's ClickHouse schema check against a real server: up to date, behind, newer, and missing database or table. */
@ExtendWith(KafkaBrokerExtension.class)
class DiagSchemaVersionTest {

    private static LocalClickHouse server;
    private static ClickHouse client;

    private final Path home = Path.of("target", "diag-schema-" + UUID.randomUUID()).toAbsolutePath();
    private final String database = "diag_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @BeforeAll
    static void startClickHouse() {
        if (!LocalClickHouse.installed()) {
            String message = "ClickHouse is not installed (clickhouse-server not found): run scripts/install-test-deps.sh";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + " -- under CI=true the ClickHouse tests must run");
            }
            Assumptions.abort(message);
        }
        server = LocalClickHouse.start(Path.of("target", "diag-clickhouse-" + UUID.randomUUID().toString().substring(0, 8)));
        client = ClickHouse.connect(server.url());
    }

    @AfterAll
    static void stopClickHouse() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("a database the sink migrated is ok at the latest version")
    void migratedDatabaseIsOk() {
        migrator().migrate();

        assertThat(diag()).containsPattern("(?m)^ok +clickhouse schema +" + database + " at schema v" + latest() + " \\(migrations v1, ");
    }

    @Test
    @DisplayName("a database behind this build fails naming the versions it lacks, and is ok once the sink has migrated it")
    void behindFailsUntilMigrated() {
        migratedByOlderBuild(latest() - 1);

        assertThat(diag()).containsPattern("(?m)^FAIL clickhouse schema +schema at v" + (latest() - 1) + ", this build expects v"
                + latest() + " \\(missing v" + latest() + "\\): start tsdb-sink to migrate$");

        migrator().migrate();
        assertThat(diag()).containsPattern("(?m)^ok +clickhouse schema +" + database + " at schema v" + latest());
    }

    @Test
    @DisplayName("a database a newer sink migrated is a warning, not a failure")
    void newerIsAWarning() {
        migrator().migrate();
        record(latest() + 1);

        assertThat(diag()).containsPattern("(?m)^WARN clickhouse schema +schema at v" + (latest() + 1) + ", newer than this build's v" + latest());
    }

    @Test
    @DisplayName("a missing database fails and says how to create it")
    void missingDatabaseFails() {
        assertThat(diag()).containsPattern("(?m)^FAIL clickhouse schema +database " + database
                + " does not exist, this build expects schema v" + latest() + ": start tsdb-sink to migrate$");
    }

    @Test
    @DisplayName("a database without the migrations table fails")
    void missingMigrationsTableFails() {
        client.execute("CREATE DATABASE " + database);

        assertThat(diag()).containsPattern("(?m)^FAIL clickhouse schema +" + database + ".schema_migrations does not exist");
    }

    /** What an older build's sink leaves: this build's migrations up to {@code version}, each recorded. */
    private void migratedByOlderBuild(int version) {
        client.execute("CREATE DATABASE " + database);
        client.execute("CREATE TABLE %s.%s (version UInt32, name String, applied_at DateTime) ENGINE = ReplacingMergeTree() ORDER BY version"
                .formatted(database, Migrator.MIGRATIONS_TABLE));
        for (Migration m : migrator().migrations(client.version())) {
            if (m.version() <= version) {
                m.statements().forEach(client::execute);
                record(m.version());
            }
        }
    }

    private void record(int version) {
        client.execute("INSERT INTO %s.%s (version, name, applied_at) VALUES (%d, 'test', now())"
                .formatted(database, Migrator.MIGRATIONS_TABLE, version));
    }

    private Migrator migrator() {
        return new Migrator(client, database, TableLayouts.forCatalog(Set.of()), 30);
    }

    private int latest() {
        return migrator().migrations(client.version()).stream().mapToInt(Migration::version).max().orElseThrow();
    }

    private String diag() {
        new SupervisorHome(home).writeEnv(Map.of("KAFKA_BOOTSTRAP", SharedKafkaBroker.bootstrapServers(),
                "CLICKHOUSE_URL", server.url()));
        CliRun run = CliRun.of(new DiagCommand(), (c, out) -> c.out = out,
                List.of("--home", home.toString(), "--clickhouse-database", database));
        String output = run.output();
        assertThat(run.exit()).as("gateway and tokens are not configured here: " + output).isEqualTo(1);
        assertThat(output).containsPattern("(?m)^ok +clickhouse +" + java.util.regex.Pattern.quote(server.url()) + " version ");
        return output;
    }
}
