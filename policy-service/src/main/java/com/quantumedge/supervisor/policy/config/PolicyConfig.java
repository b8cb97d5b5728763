package com.quantumedge.supervisor.policy.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The supervision rules. Pure data: the topology reads only this, so a replay with another
 * instance of it is a backtest of another policy. Defaults are documented in the module README.
 */
@Validated
@ConfigurationProperties("supervisor.policy")
public record PolicyConfig(
        @Valid @NotNull @DefaultValue Heartbeat heartbeat,
        @Valid @NotNull @DefaultValue Restart restart,
        @Valid @NotNull @DefaultValue CrashLoop crashLoop,
        @Valid @NotNull @DefaultValue Snapshot snapshot,
        @Valid @NotNull @DefaultValue Operator operator) {

    /** The policy with every default. */
    public static PolicyConfig defaults() {
        return new PolicyConfig(new Heartbeat(null, null), new Restart(null, null, null),
                new CrashLoop(null, null), new Snapshot(null), new Operator(null, null));
    }

    /**
     * @param staleAfter   T1: heartbeat age that raises one HEARTBEAT_STALE warning per stale episode
     * @param restartAfter T2: heartbeat age (or time since the last policy restart) that requests a RESTART
     */
    public record Heartbeat(@DefaultValue("30s") Duration staleAfter, @DefaultValue("90s") Duration restartAfter) {
        public Heartbeat {
            staleAfter = staleAfter == null ? Duration.ofSeconds(30) : staleAfter;
            restartAfter = restartAfter == null ? Duration.ofSeconds(90) : restartAfter;
        }

        @AssertTrue(message = "restart-after must be longer than stale-after and both positive")
        public boolean isOrdered() {
            return staleAfter.toMillis() > 0 && restartAfter.compareTo(staleAfter) > 0;
        }
    }

    /**
     * @param cooldown      minimum event time between two policy restarts of one bot (the bot is starting)
     * @param maxPerWindow  K: policy restarts allowed within {@code window}; the next one escalates to HALT
     * @param window        sliding window of the restart budget
     */
    public record Restart(@DefaultValue("60s") Duration cooldown, @DefaultValue("3") @Min(0) Integer maxPerWindow,
            @DefaultValue("30m") Duration window) {
        public Restart {
            cooldown = cooldown == null ? Duration.ofSeconds(60) : cooldown;
            maxPerWindow = maxPerWindow == null ? 3 : maxPerWindow;
            window = window == null ? Duration.ofMinutes(30) : window;
        }
    }

    /**
     * @param maxRestarts agent-reported restarts (growth of restart_count) within {@code window} that count as a crash loop
     * @param window      sliding window, in the agent's event time
     */
    public record CrashLoop(@DefaultValue("5") @Min(1) Integer maxRestarts, @DefaultValue("10m") Duration window) {
        public CrashLoop {
            maxRestarts = maxRestarts == null ? 5 : maxRestarts;
            window = window == null ? Duration.ofMinutes(10) : window;
        }
    }

    /** @param interval N: one Snapshot per bot whenever its event-time clock enters a new interval */
    public record Snapshot(@DefaultValue("5m") Duration interval) {
        public Snapshot {
            interval = interval == null ? Duration.ofMinutes(5) : interval;
        }

        @AssertTrue(message = "interval must be positive")
        public boolean isPositive() {
            return interval.toMillis() > 0;
        }
    }

    /**
     * @param allowedModes modes SET_MODE accepts; empty accepts any well-formed mode
     * @param allowedJobs  jobs RUN_JOB accepts; empty accepts any well-formed job name
     */
    public record Operator(@DefaultValue({}) List<String> allowedModes, @DefaultValue({}) List<String> allowedJobs) {
        public Operator {
            allowedModes = allowedModes == null ? List.of() : List.copyOf(allowedModes);
            allowedJobs = allowedJobs == null ? List.of() : List.copyOf(allowedJobs);
        }
    }
}
