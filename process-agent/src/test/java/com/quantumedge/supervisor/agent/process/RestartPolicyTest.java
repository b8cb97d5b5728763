package com.quantumedge.supervisor.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.agent.config.RestartSettings;

class RestartPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SHORT_RUN = Duration.ofSeconds(1);

    private final RestartSettings settings = new RestartSettings(Duration.ofMillis(100), 2.0, Duration.ofMillis(500), 5,
            Duration.ofSeconds(60), Duration.ofSeconds(30));

    @Test
    @DisplayName("the first restart of a crash series comes after the initial backoff")
    void firstRestartIsQuick() {
        RestartPolicy.Decision d = new RestartPolicy(settings).onUnexpectedExit(T0, SHORT_RUN);
        assertThat(d.restart()).isTrue();
        assertThat(d.delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.attempt()).isEqualTo(1);
    }

    @Test
    @DisplayName("each further crash doubles the delay up to the cap")
    void backoffGrowsToCap() {
        RestartPolicy policy = new RestartPolicy(settings);
        assertThat(policy.onUnexpectedExit(T0, SHORT_RUN).delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.onUnexpectedExit(T0.plusSeconds(1), SHORT_RUN).delay()).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.onUnexpectedExit(T0.plusSeconds(2), SHORT_RUN).delay()).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.onUnexpectedExit(T0.plusSeconds(3), SHORT_RUN).delay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    @DisplayName("a run longer than stable-after starts the backoff over")
    void stableRunResetsBackoff() {
        RestartPolicy policy = new RestartPolicy(settings);
        policy.onUnexpectedExit(T0, SHORT_RUN);
        policy.onUnexpectedExit(T0.plusSeconds(1), SHORT_RUN);
        assertThat(policy.onUnexpectedExit(T0.plusSeconds(40), Duration.ofSeconds(39)).delay())
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    @DisplayName("one restart more than the burst within the interval fails the bot")
    void startLimit() {
        RestartPolicy policy = new RestartPolicy(settings);
        for (int i = 0; i < 5; i++) {
            assertThat(policy.onUnexpectedExit(T0.plusSeconds(i), SHORT_RUN).restart()).isTrue();
        }
        RestartPolicy.Decision sixth = policy.onUnexpectedExit(T0.plusSeconds(5), SHORT_RUN);
        assertThat(sixth.restart()).isFalse();
        assertThat(sixth.reason()).contains("start limit").contains("5 restarts within 60 s");
    }

    @Test
    @DisplayName("restarts older than the interval no longer count against the limit")
    void windowSlides() {
        RestartPolicy policy = new RestartPolicy(settings);
        for (int i = 0; i < 5; i++) {
            policy.onUnexpectedExit(T0.plusSeconds(i), SHORT_RUN);
        }
        assertThat(policy.onUnexpectedExit(T0.plusSeconds(61), SHORT_RUN).restart()).isTrue();
    }

    @Test
    @DisplayName("an operator reset forgets the crash history")
    void resetClears() {
        RestartPolicy policy = new RestartPolicy(settings);
        for (int i = 0; i < 5; i++) {
            policy.onUnexpectedExit(T0.plusSeconds(i), SHORT_RUN);
        }
        policy.reset();
        RestartPolicy.Decision d = policy.onUnexpectedExit(T0.plusSeconds(6), SHORT_RUN);
        assertThat(d.restart()).isTrue();
        assertThat(d.delay()).isEqualTo(Duration.ofMillis(100));
    }
}
