package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.StoreDefaults;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.launcher.legacy.LegacyImport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Imports the original Python supervisor's event and snapshot logs into ClickHouse. */
@Command(name = "import-legacy", mixinStandardHelpOptions = true,
        description = {"Import the original supervisor's logs (logs/events/events_YYYY-MM-DD.jsonl, logs/snapshots/snapshots_YYYY-MM-DD.jsonl) "
                + "into the ClickHouse tables. Idempotent: a second run adds nothing. Bad lines are reported with file and line "
                + "number and skipped; the exit code is 0 even then, 2 when ClickHouse fails."})
final class ImportLegacyCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The original supervisor's directory (or its logs/ directory)")
    Path dir;

    @Option(names = "--bot", defaultValue = "quantumedge", description = "Bot id the original supervised (default: ${DEFAULT-VALUE})")
    String bot;

    @Option(names = "--clickhouse-url", defaultValue = "${env:CLICKHOUSE_URL:-" + StoreDefaults.URL + "}",
            description = "ClickHouse HTTP URL (default: $CLICKHOUSE_URL, else ${DEFAULT-VALUE})")
    String clickHouseUrl;

    @Option(names = "--clickhouse-database", defaultValue = "${env:CLICKHOUSE_DATABASE:-" + StoreDefaults.DATABASE + "}",
            description = "Database of the sink's tables (default: $CLICKHOUSE_DATABASE, else ${DEFAULT-VALUE})")
    String database;

    @Option(names = "--max-bad-lines-shown", defaultValue = "50", description = "Bad lines listed one by one (default: ${DEFAULT-VALUE}); all are counted")
    int maxBadLinesShown;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        try (ClickHouse clickHouse = ClickHouse.connect(clickHouseUrl, "default", "", Duration.ofSeconds(60))) {
            // The tables may not exist yet when the history is imported before the sink first ran.
            new Migrator(clickHouse, database, TableLayouts.forCatalog(StoreDefaults.notSunkTopics()), StoreDefaults.RETENTION_DAYS)
                    .migrate();
            if (clickHouse.version().supportsTtl()) {
                out.println("note: this server deletes rows older than the tables' TTL (" + StoreDefaults.RETENTION_DAYS
                        + " days unless the sink was configured otherwise): older history is dropped at the next merge");
            }
            LegacyImport.Summary s = new LegacyImport(clickHouse, database, bot, Clock.systemUTC()).run(dir, out::println);
            out.printf("imported %d files from %s into %s as bot %s%n", s.files(), dir, database, bot);
            out.println("rows inserted by table: " + (s.inserted().isEmpty() ? "none" : s.inserted()));
            out.println("rows already present:   " + (s.alreadyPresent().isEmpty() ? "none" : s.alreadyPresent()));
            out.println("lines by legacy type:   " + s.linesByType());
            out.println("bad lines: " + s.badLines().size());
            s.badLines().stream().limit(maxBadLinesShown).forEach(b -> out.println("  " + b));
            if (s.badLines().size() > maxBadLinesShown) {
                out.println("  ... and " + (s.badLines().size() - maxBadLinesShown) + " more");
            }
            out.flush();
            return 0;
        }
    }
}
