package com.quantumedge.supervisor.risk.book;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Behaviour of the risk book that is configuration rather than limits data.
 *
 * @param reservationTtl    an allowed order's reservation is released this long after its check (event time) if no execution ended it
 * @param mismatchPolicy    what a disagreeing heartbeat does to positions
 * @param positionTolerance absolute quantity difference below which reported and computed positions agree
 * @param tradingDayZone    time zone whose midnight starts a trading day
 */
public record BookSettings(Duration reservationTtl, MismatchPolicy mismatchPolicy, double positionTolerance, ZoneId tradingDayZone) {

    public static final BookSettings DEFAULTS = new BookSettings(Duration.ofMinutes(10), MismatchPolicy.TRUST_FILLS, 1e-9,
            ZoneId.of("UTC"));
}
