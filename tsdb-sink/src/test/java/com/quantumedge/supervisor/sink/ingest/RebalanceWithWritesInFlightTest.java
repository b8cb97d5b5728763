package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.sink.testing.RunningSink;
import com.quantumedge.supervisor.sink.testing.StoredBeforeCommit;

class RebalanceWithWritesInFlightTest {

    private static final int PRODUCED = 20_000;

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();
    private final String group = SharedKafkaBroker.uniqueName("group");
    private final StoredBeforeCommit check = new StoredBeforeCommit(ch, db,
            StoredBeforeCommit.botsOnEveryPartition(SharedKafkaBroker.uniqueName("bot")));

    @Test
    @DisplayName("a second sink joins the group while the first has slow inserts in flight: partitions change hands "
            + "only with what is stored, and in the end every record is stored once")
    void rebalanceWaitsForWritesInFlight() throws Exception {
        RunningSink.migrate(ch, db);
        check.produce(PRODUCED);
        SinkSettings settings = RunningSink.settings(db, group).withBatch(500, Duration.ofMillis(200)).withWriters(3);
        RowInserter slow = (table, rows, length) -> {
            PipelinedCommitTest.sleep(100);
            ch.insertRowBinary(table, rows, length);
        };
        try (RunningSink first = RunningSink.start(settings, ch, slow, check)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> check.countFinal() >= 2_000);
            try (RunningSink second = RunningSink.start(settings.withGroupId(group), ch, slow, check)) {
                await().atMost(Duration.ofSeconds(120)).until(() -> check.countFinal() == PRODUCED);
                assertThat(executionsWritten(first)).as("by the first sink").isPositive();
                assertThat(executionsWritten(second)).as("by the second sink, after the rebalance").isPositive();
            }
        }
        assertThat(check.violations()).isEmpty();
        assertThat(check.duplicatesAfterFinal()).isZero();
    }

    private static double executionsWritten(RunningSink sink) {
        var counter = sink.registry.find("tsdb.sink.rows.written").tag("table", "executions").counter();
        return counter == null ? 0 : counter.count();
    }
}
