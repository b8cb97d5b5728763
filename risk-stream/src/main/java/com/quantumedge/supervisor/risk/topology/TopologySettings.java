package com.quantumedge.supervisor.risk.topology;

import java.time.Clock;
import java.time.Duration;

import com.quantumedge.supervisor.risk.book.BookSettings;

/**
 * Settings the risk topology is built with.
 *
 * @param book                 risk book behaviour (reservation TTL, mismatch policy, trading day zone)
 * @param riskStateInterval    how often risk state changed only by order checks is published
 * @param execIdRetention      how long an applied exec id is remembered for duplicate detection (event time)
 */
public record TopologySettings(BookSettings book, Duration riskStateInterval, Duration execIdRetention, Clock clock,
        RiskMetrics metrics) {

    public static TopologySettings defaults() {
        return new TopologySettings(BookSettings.DEFAULTS, Duration.ofSeconds(1), Duration.ofDays(7), Clock.systemUTC(),
                RiskMetrics.NONE);
    }
}
