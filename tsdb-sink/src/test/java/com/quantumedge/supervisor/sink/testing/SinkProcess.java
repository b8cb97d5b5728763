package com.quantumedge.supervisor.sink.testing;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.schema.TableLayouts;
import com.quantumedge.supervisor.schemas.kafka.KafkaClientSettings;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;
import com.quantumedge.supervisor.sink.ingest.SinkMetrics;
import com.quantumedge.supervisor.sink.ingest.SinkSettings;

/**
 * A sink in a JVM of its own, for the kill test: {@code SinkProcess <bootstrap> <clickhouse-url>
 * <database> <group>}. Small batches that do not grow while catching up, and two writers, so a
 * SIGKILL lands between many writes and commits, some of them overlapping.
 */
public final class SinkProcess {

    public static void main(String[] args) {
        SinkSettings settings = new SinkSettings(KafkaClientSettings.bootstrap(args[0]), args[3], "child-" + args[3], args[2], 500,
                Duration.ofMillis(100), 500, SinkSettings.DEFAULT_MAX_BATCH_BYTES, SinkSettings.DEFAULT_WRITERS,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(50));
        ClickHouse ch = ClickHouse.connect(args[1]);
        new SinkLoop(settings, ch, TableLayouts.forCatalog(Set.of()), new SinkMetrics(new SimpleMeterRegistry())).run();
    }
}
