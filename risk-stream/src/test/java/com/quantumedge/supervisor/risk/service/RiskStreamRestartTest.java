package com.quantumedge.supervisor.risk.service;

import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.RiskStreamApplication;

/**
 * A graceful restart of risk-stream must not leave the bot without decisions while the group waits out
 * the old member's session (45 s by default): the closed instance leaves the group, the new one is
 * assigned at once.
 */
class RiskStreamRestartTest {

    private static final Logger log = LoggerFactory.getLogger(RiskStreamRestartTest.class);
    private static final Duration RESTART_BUDGET = Duration.ofSeconds(10);

    @Test
    @DisplayName("after a graceful restart, the first order check is decided within 10 s of the new instance starting")
    void restartedInstanceDecidesPromptly() {
        String appId = SharedKafkaBroker.uniqueName("risk-restart");
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (OrderChecks checks = new OrderChecks()) {
            try (ConfigurableApplicationContext first = start(appId)) {
                OrderRequest warmUp = limitBuy(bot, System.currentTimeMillis(), "BTCUSDT", 0.01, 60_000);
                checks.send(warmUp);
                assertThat(checks.awaitDecision(warmUp, Duration.ofSeconds(60))).as("first instance decides").isTrue();
            }

            long startedAt = System.nanoTime();
            try (ConfigurableApplicationContext second = start(appId)) {
                long contextUpAt = System.nanoTime();
                OrderRequest afterRestart = limitBuy(bot, System.currentTimeMillis(), "BTCUSDT", 0.01, 60_000);
                checks.send(afterRestart);
                OrderDecision decision = checks.awaitDecisionOf(afterRestart, Duration.ofSeconds(60));
                long decidedAt = System.nanoTime();
                Duration sinceContextUp = Duration.ofNanos(decidedAt - contextUpAt);
                log.info("restart: context up {} ms after start, first decision {} ms after that ({} ms in all)",
                        Duration.ofNanos(contextUpAt - startedAt).toMillis(), sinceContextUp.toMillis(),
                        Duration.ofNanos(decidedAt - startedAt).toMillis());
                assertThat(decision).as("the restarted instance decides").isNotNull();
                assertThat(sinceContextUp).as("first decision after the restart").isLessThanOrEqualTo(RESTART_BUDGET);
            }
        }
    }

    private static ConfigurableApplicationContext start(String appId) {
        return SpringApplication.run(RiskStreamApplication.class,
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.risk.streams.application-id=" + appId,
                "--supervisor.risk.streams.state-dir=target/" + appId,
                "--supervisor.risk.limits.publish-on-startup=false",
                "--logging.structured.format.console=");
    }
}
