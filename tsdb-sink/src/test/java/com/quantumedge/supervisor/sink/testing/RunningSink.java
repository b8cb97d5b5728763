package com.quantumedge.supervisor.sink.testing;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.Migrator;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.ingest.RowInserter;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;
import com.quantumedge.supervisor.sink.ingest.SinkMetrics;
import com.quantumedge.supervisor.sink.ingest.SinkSettings;

/** A sink loop on its own thread against the shared broker and a given ClickHouse database. */
public final class RunningSink implements AutoCloseable {

    public final SinkLoop loop;
    public final SinkMetrics metrics;
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Thread thread;

    private RunningSink(SinkSettings settings, ClickHouse clickHouse, RowInserter inserter, SinkLoop.BeforeCommit hook) {
        TableLayouts layouts = TableLayouts.forCatalog(java.util.Set.of());
        metrics = new SinkMetrics(registry);
        loop = new SinkLoop(settings, clickHouse, inserter, layouts, metrics, hook);
        thread = new Thread(loop, "test-sink-" + settings.groupId());
        thread.start();
    }

    public static SinkSettings settings(String database, String group) {
        return new SinkSettings(KafkaClientSettings.bootstrap(SharedKafkaBroker.bootstrapServers()), group, "sink-" + group, database, 10_000,
                Duration.ofMillis(200), SinkSettings.DEFAULT_MAX_BATCH_ROWS, SinkSettings.DEFAULT_MAX_BATCH_BYTES,
                SinkSettings.DEFAULT_WRITERS, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(50));
    }

    public static void migrate(ClickHouse clickHouse, String database) {
        new Migrator(clickHouse, database, TableLayouts.forCatalog(java.util.Set.of()), 30).migrate();
    }

    public static RunningSink start(SinkSettings settings, ClickHouse clickHouse) {
        return new RunningSink(settings, clickHouse, clickHouse::insertRowBinary, offsets -> { });
    }

    public static RunningSink start(SinkSettings settings, ClickHouse clickHouse, SinkLoop.BeforeCommit hook) {
        return new RunningSink(settings, clickHouse, clickHouse::insertRowBinary, hook);
    }

    /** With inserts going through {@code inserter} (e.g. one that delays or fails some) and a hook before each commit. */
    public static RunningSink start(SinkSettings settings, ClickHouse clickHouse, RowInserter inserter,
            SinkLoop.BeforeCommit hook) {
        return new RunningSink(settings, clickHouse, inserter, hook);
    }

    public void awaitStopped() throws InterruptedException {
        thread.join(30_000);
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
        thread.join(30_000);
    }
}
