package com.quantumedge.supervisor.sink.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
import com.quantumedge.supervisor.sink.testing.SinkProcess;

class SinkKilledAbruptlyTest {

    private static final int PRODUCED = 30_000;

    private final ClickHouse ch = SharedClickHouse.client();
    private final String db = SharedClickHouse.uniqueDatabase();
    private final String bot = SharedKafkaBroker.uniqueName("bot");
    private final String group = SharedKafkaBroker.uniqueName("group");

    @Test
    @DisplayName("a sink process killed with SIGKILL mid-stream and replaced: count() FINAL equals what was produced "
            + "and no event id is stored twice")
    void killNineMidStream() throws Exception {
        RunningSink.migrate(ch, db);
        try (Produce produce = new Produce()) {
            for (int i = 0; i < PRODUCED; i++) {
                Execution e = SampleRecords.execution(bot);
                e.setTsMs(System.currentTimeMillis() - 600_000 + i);
                produce.send(Topics.EXECUTIONS, bot, e);
            }
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", classpath, SinkProcess.class.getName(),
                SharedKafkaBroker.bootstrapServers(), SharedClickHouse.url(), db, group))
                .redirectErrorStream(true)
                .redirectOutput(new File("target/sink-process-" + group + ".log"))
                .start();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                    .until(() -> stored() >= 2_000 || !child.isAlive());
            child.destroyForcibly().waitFor();
        } finally {
            child.destroyForcibly();
        }
        long storedAtKill = stored();
        assertThat(storedAtKill).as("killed mid-stream").isBetween(1L, PRODUCED - 1L);

        try (RunningSink replacement = RunningSink.start(RunningSink.settings(db, group), ch)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> countFinal() == PRODUCED);
        }
        assertThat(countFinal()).isEqualTo(PRODUCED);
        assertThat(ch.queryLong("SELECT count() - uniqExact(event_id) FROM %s.executions FINAL WHERE bot_id = '%s'"
                .formatted(db, bot))).isZero();
    }

    private long stored() {
        return ch.queryLong("SELECT count() FROM %s.executions WHERE bot_id = '%s'".formatted(db, bot));
    }

    private long countFinal() {
        return ch.queryLong("SELECT count() FROM %s.executions FINAL WHERE bot_id = '%s'".formatted(db, bot));
    }
}
