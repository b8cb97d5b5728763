package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.LocalClickHouse;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.testing.Produce;
import com.quantumedge.supervisor.sink.testing.RunningSink;

class ClickHouseOutageTest {

    private final LocalClickHouse server = SharedClickHouse.startOwn("outage");
    private final ClickHouse ch = ClickHouse.connect(server.url(), "default", "", Duration.ofSeconds(5));
    private final String db = SharedClickHouse.uniqueDatabase();
    private final String bot = SharedKafkaBroker.uniqueName("bot");

    @AfterEach
    void stop() {
        ch.close();
        server.close();
    }

    @Test
    @DisplayName("with ClickHouse killed under load the sink pauses and backs off, and once it is back it catches up "
            + "to the exact count produced")
    void pausesWhileDownAndCatchesUpExactly() throws Exception {
        RunningSink.migrate(ch, db);
        var settings = RunningSink.settings(db, SharedKafkaBroker.uniqueName("group")).withBatch(2_000, Duration.ofMillis(200));
        try (Produce produce = new Produce(); RunningSink sink = RunningSink.start(settings, ch)) {
            send(produce, 1_000);
            await().atMost(Duration.ofSeconds(60)).until(() -> countFinal() == 1_000);

            server.kill();
            for (int i = 0; i < 20; i++) {
                send(produce, 1_000);
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics.failures() > 0
                    && sink.registry.get("tsdb.sink.paused").gauge().value() == 1.0);
            double bufferedWhileDown = sink.registry.get("tsdb.sink.buffered.rows").gauge().value();
            // A poll (max.poll.records = batch-rows here) may overshoot the batch being filled once.
            assertThat(bufferedWhileDown).as("memory stays at writers + 1 batches and a poll, with 20,000 rows waiting")
                    .isLessThanOrEqualTo((settings.writers() + 1) * settings.maxBatchRows() + settings.batchRows());

            server.restart();
            await().atMost(Duration.ofSeconds(90)).until(() -> countFinal() == 21_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.registry.get("tsdb.sink.paused").gauge().value() == 0.0);
        }
        assertThat(countFinal()).isEqualTo(21_000);
        assertThat(ch.queryLong("SELECT count() - uniqExact(event_id) FROM %s.heartbeats FINAL WHERE bot_id = '%s'"
                .formatted(db, bot))).isZero();
    }

    private void send(Produce produce, int n) {
        for (int i = 0; i < n; i++) {
            Heartbeat h = SampleRecords.heartbeat(bot);
            h.setTsMs(System.currentTimeMillis());
            produce.send(Topics.HEARTBEATS, bot, h);
        }
        produce.flush();
    }

    private long countFinal() {
        try {
            return ch.queryLong("SELECT count() FROM %s.heartbeats FINAL WHERE bot_id = '%s'".formatted(db, bot));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
