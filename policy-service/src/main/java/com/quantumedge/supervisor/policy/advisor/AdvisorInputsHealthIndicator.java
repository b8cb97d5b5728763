package com.quantumedge.supervisor.policy.advisor;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness contributor {@code advisorInputs}: the advisor's input consumer runs and has its partitions (UP while the advisor is disabled). */
@Component(AdvisorInputConsumer.READINESS)
class AdvisorInputsHealthIndicator implements HealthIndicator {

    private final AdvisorService advisor;

    AdvisorInputsHealthIndicator(AdvisorService advisor) {
        this.advisor = advisor;
    }

    @Override
    public Health health() {
        return advisor.inputsHealth();
    }
}
