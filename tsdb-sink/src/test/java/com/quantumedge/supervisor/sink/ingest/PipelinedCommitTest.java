package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.ClickHouseException;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.sink.testing.RunningSink;
import com.quantumedge.supervisor.sink.testing.StoredBeforeCommit;

/**
 * Three writers, small batches, inserts made to finish out of order and one made to fail in the
 * middle of the pipeline: before every commit, every record of ours below the offsets about to be
 * committed must already be in ClickHouse.
 */
class PipelinedCommitTest {

    private static final int PRODUCED = 6_000;

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();
    private final StoredBeforeCommit check = new StoredBeforeCommit(ch, db, SharedKafkaBroker.uniqueName("bot"));
    private final AtomicInteger inserts = new AtomicInteger();
    private final AtomicInteger injectedFailures = new AtomicInteger();
    /** The highest sequence number of an insert of executions that has ended. */
    private final AtomicInteger lastEnded = new AtomicInteger();
    private final AtomicInteger overtaken = new AtomicInteger();

    @Test
    @DisplayName("offsets are never committed past a batch not yet inserted: not when later batches finish first, "
            + "not when an insert in the middle of the pipeline fails; after the retry every record is stored once")
    void neverCommitsPastAnUninsertedBatch() throws Exception {
        RunningSink.migrate(ch, db);
        check.produce(PRODUCED);
        SinkSettings settings = RunningSink.settings(db, SharedKafkaBroker.uniqueName("group"))
                .withBatch(500, Duration.ofMillis(200)).withWriters(3);
        try (RunningSink sink = RunningSink.start(settings, ch, this::insertOutOfOrder, check)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> check.countFinal() == PRODUCED);
            assertThat(sink.metrics.failures()).as("the injected failure was seen and retried").isPositive();
        }
        assertThat(check.violations()).isEmpty();
        assertThat(check.commitsChecked()).as("commits checked").isGreaterThan(3);
        assertThat(injectedFailures.get()).isEqualTo(1);
        assertThat(overtaken.get()).as("some insert finished before one started earlier").isPositive();
        assertThat(check.duplicatesAfterFinal()).isZero();
    }

    /** Every third insert of executions is slow, so later ones overtake it; the fifth fails once, inserting nothing. */
    private void insertOutOfOrder(String table, byte[] rows, int length) {
        if (!table.endsWith(".executions")) {
            ch.insertRowBinary(table, rows, length);
            return;
        }
        int n = inserts.incrementAndGet();
        try {
            if (n == 5 && injectedFailures.incrementAndGet() == 1) {
                sleep(150);
                throw new ClickHouseException("injected failure of insert " + n, null);
            }
            if (n % 3 == 1) {
                sleep(300);
            }
            ch.insertRowBinary(table, rows, length);
        } finally {
            if (lastEnded.getAndAccumulate(n, Math::max) > n) {
                overtaken.incrementAndGet();
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
