package com.quantumedge.supervisor.launcher;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.StoreDefaults;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayout;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.sink.backfill.Backfill;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Re-sinks a time range of Kafka into ClickHouse; safe over rows already stored. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Re-sink the records of a time range (Kafka record timestamps) from Kafka into ClickHouse, with the "
                + "sink's own row mapping. Rows already stored are merged away by event id, so overlapping ranges are safe. "
                + "Does not touch the sink's consumer group."})
final class BackfillCommand implements Callable<Integer> {

    @Mixin
    KafkaEndpoint kafka;

    @Option(names = "--from", required = true, description = "Start: ISO instant or a duration back from now (e.g. 2h)")
    String from;

    @Option(names = "--to", description = "End (exclusive): ISO instant or a duration back from now (default: now)")
    String to;

    @Option(names = "--topic", description = "A topic to backfill (repeatable; default: every topic the sink stores)")
    List<String> topics;

    @Option(names = "--clickhouse-url", defaultValue = "${env:CLICKHOUSE_URL:-" + StoreDefaults.URL + "}",
            description = "ClickHouse HTTP URL (default: $CLICKHOUSE_URL, else ${DEFAULT-VALUE})")
    String clickHouseUrl;

    @Option(names = "--clickhouse-database", defaultValue = "${env:CLICKHOUSE_DATABASE:-" + StoreDefaults.DATABASE + "}",
            description = "Database of the sink's tables (default: $CLICKHOUSE_DATABASE, else ${DEFAULT-VALUE})")
    String database;

    PrintStream out = System.out;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        long fromMs = Durations.sinceToEpochMs(from, now);
        long toMs = to == null ? now.toEpochMilli() + 1 : Durations.sinceToEpochMs(to, now);
        List<TableLayout> layouts = layouts();
        try (ClickHouse clickHouse = ClickHouse.connect(clickHouseUrl, "default", "", Duration.ofSeconds(60))) {
            new Migrator(clickHouse, database, TableLayouts.forCatalog(StoreDefaults.notSunkTopics()), StoreDefaults.RETENTION_DAYS)
                    .migrate();
            out.printf("backfill %s .. %s of %s into %s%n", Instant.ofEpochMilli(fromMs), Instant.ofEpochMilli(toMs),
                    layouts.stream().map(l -> l.topic().name()).toList(), database);
            Backfill.Summary s = new Backfill(kafka.settings(), clickHouse, database, Clock.systemUTC())
                    .run(layouts, fromMs, toMs, out::println);
            out.println("rows written by table: " + (s.rowsByTable().isEmpty() ? "none" : s.rowsByTable()));
            out.printf("records read: %d, rows written: %d, undecodable records skipped: %d%n", s.read(), s.rows(), s.skipped());
            out.flush();
            return 0;
        }
    }

    private List<TableLayout> layouts() {
        if (topics == null || topics.isEmpty()) {
            return TableLayouts.forCatalog(StoreDefaults.notSunkTopics()).all();
        }
        TableLayouts all = TableLayouts.forCatalog(Set.of());
        List<TableLayout> chosen = new ArrayList<>();
        for (String t : new LinkedHashSet<>(topics)) {
            chosen.add(all.forTopic(t).orElseThrow(() -> new IllegalArgumentException(
                    "--topic: " + t + " is not a topic the sink stores; one of " + all.topics())));
        }
        return chosen;
    }
}
