package com.quantumedge.supervisor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;

class GatewayApplicationSmokeTest {

    @Test
    @DisplayName("the service starts against a real broker and serves liveness, readiness and (to a viewer) Prometheus metrics")
    void startsAndServesProbes() {
        RunningGateway gateway = SharedGateway.get();

        assertThat(Http.get(gateway.url("/actuator/health/liveness"), null).body()).contains("\"UP\"");
        // Its listeners start on their own threads: readiness comes once they are positioned and caught up.
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(gateway.url("/actuator/health/readiness"), null).body().contains("\"UP\""));
        Http.Response metrics = Http.get(gateway.url("/actuator/prometheus"), gateway.token("viewer"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("service=\"ingest-gateway\"");
    }
}
