package com.quantumedge.supervisor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    @Test
    @DisplayName("each wait doubles the last, up to the maximum, and stays there")
    void doublesUpToTheMaximum() {
        RestartBackoff backoff = new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        Duration wait = backoff.initial();
        StringBuilder waits = new StringBuilder(Long.toString(wait.toMillis()));
        for (int i = 0; i < 5; i++) {
            wait = backoff.after(wait);
            waits.append(' ').append(wait.toMillis());
        }
        assertThat(waits).hasToString("500 1000 2000 3000 3000 3000");
    }

    @Test
    @DisplayName("a zero or negative initial wait, or a maximum below it, is refused")
    void refusesNonsense() {
        assertThatThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
