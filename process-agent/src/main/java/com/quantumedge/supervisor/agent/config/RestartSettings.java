package com.quantumedge.supervisor.agent.config;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Autorestart after an unexpected exit, modelled on systemd ({@code RestartSec},
 * {@code StartLimitBurst}, {@code StartLimitIntervalSec}) and Kubernetes' CrashLoopBackOff.
 *
 * @param initialBackoff     delay before the first restart of a crash series (keep under 1 s)
 * @param multiplier         each further restart in the series waits this much longer
 * @param maxBackoff         cap of the delay
 * @param startLimitBurst    restarts allowed within {@code startLimitInterval}; one more means FAILED
 * @param startLimitInterval the window of the start limit
 * @param stableAfter        a run at least this long ends the crash series (backoff starts over)
 */
public record RestartSettings(
        @NotNull @DefaultValue("100ms") Duration initialBackoff,
        @DecimalMin("1.0") @DefaultValue("2.0") double multiplier,
        @NotNull @DefaultValue("30s") Duration maxBackoff,
        @Min(1) @DefaultValue("5") int startLimitBurst,
        @NotNull @DefaultValue("60s") Duration startLimitInterval,
        @NotNull @DefaultValue("30s") Duration stableAfter) {

    public static RestartSettings defaults() {
        return new RestartSettings(Duration.ofMillis(100), 2.0, Duration.ofSeconds(30), 5, Duration.ofSeconds(60),
                Duration.ofSeconds(30));
    }
}
