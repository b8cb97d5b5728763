package com.quantumedge.supervisor.policy;

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
import com.quantumedge.supervisor.policy.advisor.AdvisorService;

class PolicyServiceApplicationSmokeTest {

    @Test
    @DisplayName("the service starts against a real broker and serves liveness, readiness (with the streams' state) and Prometheus metrics; the LLM advisor stays off")
    void startsAndServesProbes() {
        try (ConfigurableApplicationContext context = SpringApplication.run(PolicyServiceApplication.class,
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.policy.streams.application-id=" + SharedKafkaBroker.uniqueName("policy-smoke"),
                "--supervisor.policy.streams.state-dir=target/policy-smoke-state",
                "--logging.structured.format.console=")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port + "/actuator";

            assertThat(HttpProbe.get(base + "/health/liveness").body()).contains("\"UP\"");
            // Ready once the policy streams are RUNNING (DOWN while they join their group).
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(HttpProbe.get(base + "/health/readiness").body()).contains("\"UP\""));
            HttpProbe.Response metrics = HttpProbe.get(base + "/prometheus");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("service=\"policy-service\"")
                    .contains("policy_bots_known").contains("policy_ticks_sent_total")
                    .as("the LLM advisor is off by default").doesNotContain("policy_advisor_");
            assertThat(context.getBean(AdvisorService.class).isRunning()).isFalse();
        }
    }
}
