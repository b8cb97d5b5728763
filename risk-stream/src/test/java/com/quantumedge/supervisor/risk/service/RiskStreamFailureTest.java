package com.quantumedge.supervisor.risk.service;

import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.localkafka.testing.HttpProbe;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.risk.RiskStreamApplication;
import com.quantumedge.supervisor.risk.topology.RiskMetrics;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * An unexpected exception inside the risk topology (raised by its metrics observer, the topology's
 * extension point, on the next order requests) must not leave the service without decisions: the
 * thread is replaced, or past the allowed replacements the client is restarted, readiness tells, and
 * the order being processed and later ones are decided.
 */
class RiskStreamFailureTest {

    private static final AtomicInteger failuresToInject = new AtomicInteger();

    @AfterEach
    void disarm() {
        failuresToInject.set(0);
    }

    @Test
    @DisplayName("a stream thread that dies is counted and replaced; the order it failed on and later ones are decided")
    void failedThreadIsReplaced() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (OrderChecks checks = new OrderChecks(); ConfigurableApplicationContext context = start()) {
            warmUp(checks, bot);

            failuresToInject.set(1);
            OrderRequest failedOn = order(bot);
            checks.send(failedOn);

            // Within the budget of a restart, not after the dead thread's session timeout (45 s).
            assertThat(checks.awaitDecision(failedOn, Duration.ofSeconds(15))).as("decided after the replacement").isTrue();
            assertThat(failuresToInject).as("the failure was raised").hasValue(0);
            assertThat(counter(context, "supervisor.streams.thread.failures", "action", "replace_thread")).isEqualTo(1);
            assertThat(counter(context, "supervisor.streams.restarts", null, null)).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness(context) == 200);
            OrderRequest later = order(bot);
            checks.send(later);
            assertThat(checks.awaitDecision(later, Duration.ofSeconds(30))).as("a later order is decided").isTrue();
        }
    }

    @Test
    @DisplayName("past the allowed thread replacements the client shuts down: readiness DOWN, a new client starts, readiness UP, orders decided")
    void clientIsRestartedPastTheReplacements() {
        String bot = SharedKafkaBroker.uniqueName("bot");
        try (OrderChecks checks = new OrderChecks(); ConfigurableApplicationContext context = start(
                "--supervisor.streams.max-thread-replacements=0", "--supervisor.streams.restart-backoff-initial=2s")) {
            warmUp(checks, bot);

            failuresToInject.set(1);
            OrderRequest failedOn = order(bot);
            checks.send(failedOn);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> readiness(context) == 503);
            assertThat(counter(context, "supervisor.streams.thread.failures", "action", "shutdown_client")).isEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).until(() -> readiness(context) == 200);
            assertThat(counter(context, "supervisor.streams.restarts", null, null)).isEqualTo(1);
            assertThat(checks.awaitDecision(failedOn, Duration.ofSeconds(30))).as("decided by the new client").isTrue();
            OrderRequest later = order(bot);
            checks.send(later);
            assertThat(checks.awaitDecision(later, Duration.ofSeconds(30))).as("a later order is decided").isTrue();
        }
    }

    private static void warmUp(OrderChecks checks, String bot) {
        OrderRequest warmUp = order(bot);
        checks.send(warmUp);
        assertThat(checks.awaitDecision(warmUp, Duration.ofSeconds(60))).as("decides before the failure").isTrue();
    }

    private static OrderRequest order(String bot) {
        return limitBuy(bot, System.currentTimeMillis(), "BTCUSDT", 0.01, 60_000);
    }

    private static ConfigurableApplicationContext start(String... extra) {
        String appId = SharedKafkaBroker.uniqueName("risk-failure");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.bootstrapServers(),
                "--supervisor.risk.streams.application-id=" + appId,
                "--supervisor.risk.streams.state-dir=target/" + appId,
                "--supervisor.risk.limits.publish-on-startup=false",
                "--logging.structured.format.console="));
        args.addAll(java.util.List.of(extra));
        return new SpringApplicationBuilder(RiskStreamApplication.class, FailingOrderRequests.class)
                .run(args.toArray(String[]::new));
    }

    private static int readiness(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return HttpProbe.get("http://127.0.0.1:" + port + "/actuator/health/readiness").status();
    }

    private static double counter(ConfigurableApplicationContext context, String name, String tag, String value) {
        var search = context.getBean(MeterRegistry.class).find(name).tag("app", "risk");
        return (tag == null ? search : search.tag(tag, value)).counter().count();
    }

    /** A source of the test's context, not a {@code @Configuration}: component scanning of other tests never finds it. */
    static class FailingOrderRequests {

        @Bean
        @Primary
        RiskMetrics failingOnOrderRequests(MicrometerRiskMetrics metrics) {
            return new RiskMetrics() {
                @Override
                public void input(String topic) {
                    if (topic.equals(Topics.ORDER_REQUESTS.name()) && failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("failure injected by the test");
                    }
                    metrics.input(topic);
                }

                @Override
                public void decision(DecisionCode code, long evaluationNanos) {
                    metrics.decision(code, evaluationNanos);
                }

                @Override
                public void replayedInputSkipped(String topic) {
                    metrics.replayedInputSkipped(topic);
                }

                @Override
                public void duplicateExecution() {
                    metrics.duplicateExecution();
                }

                @Override
                public void deadLettered(String reason) {
                    metrics.deadLettered(reason);
                }

                @Override
                public void event(EventType type) {
                    metrics.event(type);
                }
            };
        }
    }
}
