package com.quantumedge.supervisor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.localkafka.testing.HttpProbe;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

class TsdbSinkApplicationSmokeTest {

    @Test
    @DisplayName("the service starts against a real broker with ClickHouse unreachable and serves liveness, readiness and Prometheus metrics")
    void startsAndServesProbes() throws Exception {
        int nothingListens;
        try (ServerSocket s = new ServerSocket(0)) {
            nothingListens = s.getLocalPort();
        }
        try (ConfigurableApplicationContext context = SpringApplication.run(TsdbSinkApplication.class,
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.tsdb-sink.clickhouse-url=http://127.0.0.1:" + nothingListens,
                "--supervisor.tsdb-sink.clickhouse-timeout=2s",
                "--logging.structured.format.console=")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port + "/actuator";

            assertThat(HttpProbe.get(base + "/health/liveness").body()).contains("\"UP\"");
            assertThat(HttpProbe.get(base + "/health/readiness").body()).contains("\"UP\"");
            HttpProbe.Response metrics = HttpProbe.get(base + "/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("service=\"tsdb-sink\"")
                    .contains("tsdb_sink_consumer_lag").contains("tsdb_sink_paused");
        }
    }
}
