package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    @DisplayName("short durations parse in every unit")
    void parsesUnits() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    @DisplayName("--since takes a duration back from now or an ISO instant")
    void sinceAcceptsBothForms() {
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        assertThat(Durations.sinceToEpochMs("1h", now)).isEqualTo(Instant.parse("2026-11-24T11:00:00Z").toEpochMilli());
        assertThat(Durations.sinceToEpochMs("2026-11-24T10:00:00Z", now)).isEqualTo(Instant.parse("2026-11-24T10:00:00Z").toEpochMilli());
    }

    @Test
    @DisplayName("nonsense is refused with an example of what works")
    void refusesNonsense() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("e.g. 500ms");
    }
}
