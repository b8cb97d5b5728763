package com.quantumedge.supervisor.risk.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TradingDaysTest {

    private static final String[] ZONES = {"UTC", "Z", "+05:30", "-11:00", "Europe/Berlin", "America/New_York",
            "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Apia", "Pacific/Kiritimati", "America/St_Johns"};

    @Test
    @DisplayName("the trading day equals the local date of the event time in the zone, for every kind of zone")
    void sameAsLocalDate() {
        Random random = new Random(3);
        for (String id : ZONES) {
            ZoneId zone = ZoneId.of(id);
            for (int i = 0; i < 20_000; i++) {
                long ts = switch (i % 4) {
                    case 0 -> 1_764_000_000_000L + random.nextInt(1_000_000_000);
                    case 1 -> random.nextLong() / 1_000;
                    case 2 -> (random.nextInt(200_000) - 100_000) * 86_400_000L + random.nextInt(3) - 1;
                    default -> random.nextLong();
                };
                assertThat(TradingDays.epochDay(ts, zone.getRules())).as("%s at %d", id, ts)
                        .isEqualTo(Instant.ofEpochMilli(ts).atZone(zone).toLocalDate().toEpochDay());
            }
            for (long ts : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, -999, -1000, -1001}) {
                assertThat(TradingDays.epochDay(ts, zone.getRules())).as("%s at %d", id, ts)
                        .isEqualTo(Instant.ofEpochMilli(ts).atZone(zone).toLocalDate().toEpochDay());
            }
        }
    }
}
