package com.quantumedge.supervisor.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.localkafka.testing.HttpProbe;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

class RiskStreamApplicationSmokeTest {

    @Test
    @DisplayName("the service starts against a real broker and serves liveness, readiness and Prometheus metrics")
    void startsAndServesProbes() {
        String appId = SharedKafkaBroker.uniqueName("risk-smoke");
        try (ConfigurableApplicationContext context = SpringApplication.run(RiskStreamApplication.class,
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.risk.streams.application-id=" + appId,
                "--supervisor.risk.streams.state-dir=target/" + appId,
                "--logging.structured.format.console=")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port + "/actuator";

            assertThat(HttpProbe.get(base + "/health/liveness").body()).contains("\"UP\"");
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(HttpProbe.get(base + "/health/readiness").body()).contains("\"UP\""));
            HttpProbe.Response metrics = HttpProbe.get(base + "/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("service=\"risk-stream\"")
                    .contains("risk_decisions_total");
        }
    }
}
