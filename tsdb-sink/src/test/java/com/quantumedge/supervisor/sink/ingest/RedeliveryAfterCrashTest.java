package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
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

class RedeliveryAfterCrashTest {

    private static final int PRODUCED = 3_000;

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();
    private final String bot = SharedKafkaBroker.uniqueName("bot");
    private final String group = SharedKafkaBroker.uniqueName("group");

    @Test
    @DisplayName("a sink that dies after writing a batch and before committing it is restarted: count() FINAL equals "
            + "what was produced and no event id is stored twice")
    void crashBetweenWriteAndCommitLeavesNoDuplicate() throws Exception {
        RunningSink.migrate(ch, db);
        try (Produce produce = new Produce()) {
            for (int i = 0; i < PRODUCED; i++) {
                Execution e = SampleRecords.execution(bot);
                e.setTsMs(System.currentTimeMillis() - 60_000 + i);
                produce.send(Topics.EXECUTIONS, bot, e);
            }
        }
        var settings = RunningSink.settings(db, group).withBatch(500, Duration.ofMillis(200));
        RunningSink crashing = RunningSink.start(settings, ch, offsets -> {
            // The first batch that stored rows of this bot dies uncommitted.
            if (ch.queryLong("SELECT count() FROM %s.executions WHERE bot_id = '%s'".formatted(db, bot)) > 0) {
                throw new com.quantumedge.supervisor.sink.ingest.SinkLoop.Abandon("simulated crash before commit");
            }
        });
        crashing.awaitStopped();

        long storedBeforeRestart = ch.queryLong("SELECT count() FROM %s.executions WHERE bot_id = '%s'".formatted(db, bot));
        assertThat(storedBeforeRestart).as("rows written before the crash").isPositive();
        assertThat(maxStoredOffsetBeyondCommit()).as("a stored row lies beyond the committed offset").isTrue();

        try (RunningSink restarted = RunningSink.start(settings, ch)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> countFinal() == PRODUCED);
        }
        assertThat(countFinal()).isEqualTo(PRODUCED);
        assertThat(ch.queryLong("SELECT count() - uniqExact(event_id) FROM %s.executions FINAL WHERE bot_id = '%s'"
                .formatted(db, bot))).isZero();
    }

    private long countFinal() {
        return ch.queryLong("SELECT count() FROM %s.executions FINAL WHERE bot_id = '%s'".formatted(db, bot));
    }

    /** True when some partition holds a stored row at or past the group's committed offset. */
    private boolean maxStoredOffsetBeyondCommit() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = SharedKafkaBroker.admin()) {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
        for (var row : ch.query("SELECT kafka_partition, max(kafka_offset) FROM %s.executions WHERE bot_id = '%s' GROUP BY kafka_partition"
                .formatted(db, bot))) {
            TopicPartition tp = new TopicPartition(Topics.EXECUTIONS.name(), Integer.parseInt(row.get(0)));
            OffsetAndMetadata c = committed.get(tp);
            if (c == null || Long.parseLong(row.get(1)) >= c.offset()) {
                return true;
            }
        }
        return false;
    }
}
