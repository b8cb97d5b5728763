package com.quantumedge.supervisor.sink.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.sink.testing.RunningSink;

class RetentionJobTest {

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();

    @Test
    @DisplayName("on a server without TTL, retention drops the daily partitions older than the table's retention and keeps the rest")
    void dropsOldPartitionsOnly() {
        RunningSink.migrate(ch, db);
        insertExecution("old", "2026-10-01 12:00:00");
        insertExecution("edge", "2026-10-25 12:00:00");
        insertExecution("new", "2026-11-20 12:00:00");
        insertTick("tick-old", "2026-11-20 12:00:00");

        var dropped = new RetentionJob(ch, db, 30, Map.of("ticks", 1)).run(LocalDate.of(2026, 11, 24));

        assertThat(dropped).containsExactlyInAnyOrder("executions/20261001", "ticks/20261120");
        assertThat(ch.query("SELECT event_id FROM %s.executions ORDER BY event_id".formatted(db)).toString())
                .isEqualTo("[[edge], [new]]");
        assertThat(ch.queryLong("SELECT count() FROM %s.ticks".formatted(db))).isZero();
    }

    @Test
    @DisplayName("a second run finds nothing more to drop")
    void idempotent() {
        RunningSink.migrate(ch, db);
        insertExecution("old", "2026-10-01 12:00:00");
        RetentionJob job = new RetentionJob(ch, db, 30, Map.of());
        assertThat(job.run(LocalDate.of(2026, 11, 24))).hasSize(1);
        assertThat(job.run(LocalDate.of(2026, 11, 24))).isEmpty();
    }

    @Test
    @DisplayName("month partitions of rollups expire after their last day")
    void monthPartitions() {
        assertThat(RetentionJob.lastDay("202602")).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(RetentionJob.lastDay("20260214")).isEqualTo(LocalDate.of(2026, 2, 14));
        assertThat(RetentionJob.lastDay("tuple()")).isNull();
    }

    private void insertExecution(String id, String ts) {
        ch.execute("INSERT INTO %s.executions (event_id, bot_id, ts, ts_ms) VALUES ('%s', 'b', toDateTime('%s'), 0)"
                .formatted(db, id, ts));
    }

    private void insertTick(String id, String ts) {
        ch.execute("INSERT INTO %s.ticks (event_id, bot_id, ts, ts_ms) VALUES ('%s', 'b', toDateTime('%s'), 0)"
                .formatted(db, id, ts));
    }
}
