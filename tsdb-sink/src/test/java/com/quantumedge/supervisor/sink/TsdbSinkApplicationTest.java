package com.quantumedge.supervisor.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.localkafka.testing.HttpProbe;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.fixtures.SampleRecords;
import com.quantumedge.supervisor.sink.testing.Produce;

class TsdbSinkApplicationTest {

    @Test
    @DisplayName("the service migrates its database at start, sinks what is produced and reports rows, batches and lag as metrics")
    void sinksAndReportsMetrics() {
        String db = SharedClickHouse.uniqueDatabase();
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (ConfigurableApplicationContext context = SpringApplication.run(TsdbSinkApplication.class,
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.tsdb-sink.clickhouse-url=" + SharedClickHouse.url(),
                "--supervisor.tsdb-sink.database=" + db,
                "--supervisor.tsdb-sink.group-id=" + SharedKafkaBroker.uniqueName("group"),
                "--supervisor.tsdb-sink.batch-delay=200ms",
                "--logging.structured.format.console=");
                Produce produce = new Produce()) {
            produce.send(Topics.HEARTBEATS, bot, SampleRecords.heartbeat(bot));
            produce.send(Topics.TICKS, bot, SampleRecords.tick(bot));
            produce.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> SharedClickHouse.client().queryLong(
                    "SELECT count() FROM %s.heartbeats WHERE bot_id = '%s'".formatted(db, bot)) == 1);

            assertThat(SharedClickHouse.client().queryLong("SELECT count() FROM system.tables WHERE database = '%s' AND name = 'ticks'"
                    .formatted(db))).as("ticks are excluded by default").isZero();
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            // The row is in ClickHouse before its batch is committed and counted (progress row, then commit).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    HttpProbe.get("http://127.0.0.1:" + port + "/actuator/prometheus").body())
                    .contains("tsdb_sink_rows_written_total{").contains("table=\"heartbeats\"")
                    .contains("tsdb_sink_batch_duration_seconds").contains("tsdb_sink_write_failures_total")
                    .contains("tsdb_sink_consumer_lag"));
        }
    }
}
