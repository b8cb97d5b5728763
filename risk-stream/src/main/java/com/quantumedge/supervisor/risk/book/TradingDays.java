package com.quantumedge.supervisor.risk.book;

import java.time.Instant;
import java.time.zone.ZoneRules;

/**
 * The trading day an event time falls in, as an epoch day: what
 * {@code Instant.ofEpochMilli(ts).atZone(zone).toLocalDate().toEpochDay()} gives, without the date-time
 * objects it builds for every input.
 */
final class TradingDays {

    private static final long SECONDS_PER_DAY = 86_400;

    private TradingDays() {
    }

    static long epochDay(long tsMs, ZoneRules zone) {
        long epochSecond = Math.floorDiv(tsMs, 1000L);
        int offsetSeconds = zone.getOffset(Instant.ofEpochMilli(tsMs)).getTotalSeconds();
        return Math.floorDiv(epochSecond + offsetSeconds, SECONDS_PER_DAY);
    }
}
