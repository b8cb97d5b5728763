package com.quantumedge.supervisor.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import com.quantumedge.supervisor.avro.Execution;
import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.HttpProbe;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.TsdbSinkApplication;
import com.quantumedge.supervisor.sink.ingest.SinkLoop;
import com.quantumedge.supervisor.sink.ingest.SinkMetrics;
import com.quantumedge.supervisor.sink.testing.Produce;

/**
 * The sink loop dies of an unexpected error after a batch of the bot is in ClickHouse and before
 * its offsets are committed (the worst moment): readiness goes DOWN, the death is counted, a new loop
 * starts from the committed offsets, readiness comes back UP, and every row is stored exactly once.
 */
class SinkLoopFailureTest {

    private static final int BEFORE_FAILURE = 2_000;
    private static final int AFTER_RESTART = 500;

    private static final ClickHouse ch = SharedClickHouse.client();
    private static final String db = SharedClickHouse.uniqueDatabase();
    private static final String bot = SharedKafkaBroker.uniqueName("bot");
    private static final AtomicInteger failuresToInject = new AtomicInteger();

    @Test
    @DisplayName("a sink loop that dies between write and commit is counted and restarted; readiness DOWN then UP; every row stored once")
    void deadLoopIsRestartedAndLosesNothing() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TsdbSinkApplication.class, FailingCommit.class).run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.tsdb-sink.clickhouse-url=" + SharedClickHouse.url(),
                "--supervisor.tsdb-sink.database=" + db,
                "--supervisor.tsdb-sink.group-id=" + SharedKafkaBroker.uniqueName("group"),
                "--supervisor.tsdb-sink.batch-rows=500",
                "--supervisor.tsdb-sink.batch-delay=200ms",
                "--supervisor.tsdb-sink.backoff-initial=2s",
                "--logging.structured.format.console=");
                Produce produce = new Produce()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(context) == 200);
            SinkMetrics metrics = context.getBean(SinkMetrics.class);

            failuresToInject.set(1);
            produceExecutions(produce, BEFORE_FAILURE);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> readiness(context) == 503);
            assertThat(failuresToInject).as("the failure was raised").hasValue(0);
            assertThat(metrics.loopFailures()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(context) == 200);

            produceExecutions(produce, AFTER_RESTART);
            await().atMost(Duration.ofSeconds(90)).until(() -> countFinal() == BEFORE_FAILURE + AFTER_RESTART);
            assertThat(ch.queryLong("SELECT count() - uniqExact(event_id) FROM %s.executions FINAL WHERE bot_id = '%s'"
                    .formatted(db, bot))).as("no event stored twice").isZero();
            assertThat(metrics.loopFailures()).as("one death only").isEqualTo(1);
        }
    }

    private static void produceExecutions(Produce produce, int count) {
        for (int i = 0; i < count; i++) {
            Execution e = SampleRecords.execution(bot);
            e.setTsMs(System.currentTimeMillis() - 60_000 + i);
            produce.send(Topics.EXECUTIONS, bot, e);
        }
        produce.flush();
    }

    private static long countFinal() {
        return ch.queryLong("SELECT count() FROM %s.executions FINAL WHERE bot_id = '%s'".formatted(db, bot));
    }

    private static int readiness(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return HttpProbe.get("http://127.0.0.1:" + port + "/actuator/health/readiness").status();
    }

    /** A source of the test's context, not a {@code @Configuration}: component scanning of other tests never finds it. */
    static class FailingCommit {

        @Bean
        SinkLoop.BeforeCommit failOnceAfterTheBotsRowsAreStored() {
            return offsets -> {
                if (failuresToInject.get() > 0
                        && ch.queryLong("SELECT count() FROM %s.executions WHERE bot_id = '%s'".formatted(db, bot)) > 0
                        && failuresToInject.getAndDecrement() > 0) {
                    throw new IllegalStateException("failure injected by the test, after the write and before the commit");
                }
            };
        }
    }
}
