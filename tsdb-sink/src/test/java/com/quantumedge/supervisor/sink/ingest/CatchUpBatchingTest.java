package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.testing.Produce;
import com.quantumedge.supervisor.sink.testing.RunningSink;

class CatchUpBatchingTest {

    private static final int BACKLOG = 20_000;

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();
    private final String bot = SharedKafkaBroker.uniqueName("bot");

    @Test
    @DisplayName("behind by more than a batch the sink writes batches larger than batch-rows (up to max-batch-rows); "
            + "caught up, a lone record is still written within batch-delay")
    void largerBatchesWhileBehindSmallOnesOnceCaughtUp() throws Exception {
        RunningSink.migrate(ch, db);
        try (Produce produce = new Produce()) {
            for (int i = 0; i < BACKLOG; i++) {
                Execution e = SampleRecords.execution(bot);
                e.setTsMs(System.currentTimeMillis() - 60_000 + i);
                produce.send(Topics.EXECUTIONS, bot, e);
            }
        }
        SinkSettings settings = RunningSink.settings(db, SharedKafkaBroker.uniqueName("group"))
                .withBatch(1_000, Duration.ofSeconds(2)).withMaxBatch(10_000, 64L << 20);
        try (Produce produce = new Produce(); RunningSink sink = RunningSink.start(settings, ch)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> count() == BACKLOG);
            double batches = sink.metrics.batches();
            assertThat(batches).as("batches for %d rows at batch-rows 1,000", BACKLOG).isLessThan(BACKLOG / 1_000);

            long sent = System.nanoTime();
            produce.send(Topics.EXECUTIONS, bot, SampleRecords.execution(bot));
            produce.flush();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> count() == BACKLOG + 1);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("a lone record waits batch-delay at most, plus the insert")
                    .isLessThan(Duration.ofSeconds(2).plusSeconds(3));
        }
    }

    private long count() {
        return ch.queryLong("SELECT count() FROM %s.executions WHERE bot_id = '%s'".formatted(db, bot));
    }
}
