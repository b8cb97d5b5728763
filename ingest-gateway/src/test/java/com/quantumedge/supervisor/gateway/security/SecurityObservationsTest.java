package com.quantumedge.supervisor.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;

import io.micrometer.core.instrument.MeterRegistry;

class SecurityObservationsTest {

    private final RunningGateway gateway = SharedGateway.get();

    @Test
    @DisplayName("requests are timed by http.server.requests only, without per-filter Spring Security observations")
    void onlyRequestObservations() {
        Http.Response accepted = Http.get(gateway.url("/api/v1/status"), gateway.token("viewer"));
        Http.Response refused = Http.get(gateway.url("/api/v1/status"), RunningGateway.newToken());
        MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(meters.find("http.server.requests").tag("status", "401").timers()).isNotEmpty();
        assertThat(meters.getMeters()).noneMatch(m -> m.getId().getName().startsWith("spring.security."));
    }
}
