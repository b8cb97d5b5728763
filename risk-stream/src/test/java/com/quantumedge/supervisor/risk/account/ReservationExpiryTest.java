package com.quantumedge.supervisor.risk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Expiry stops at the first live reservation while the book knows they are in event-time order, and the
 * stored form of the reservations follows changes at the ends without re-encoding them. Checked against
 * the plain rule (every reservation at or before the cutoff goes, in place) and the original state writer
 * on random histories: mostly in order as live traffic is, with replacements, releases, partial fills,
 * late checks and restores from the stored form mixed in, written after some steps and not others.
 */
class ReservationExpiryTest {

    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
    private final BotRiskStateSerde serde = new BotRiskStateSerde();

    @Test
    @DisplayName("random histories: the same open reservations, order, reserved quantities and stored bytes as a full scan and the original writer")
    void sameAsFullScan() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            BotRiskState state = new BotRiskState("bot");
            Map<String, Reservation> model = new LinkedHashMap<>();
            long now = 1_000_000;
            int nextKey = 0;
            for (int step = 0; step < 400; step++) {
                now += random.nextInt(50);
                int op = random.nextInt(100);
                if (op < 45) {
                    // A check: usually now, sometimes late (an older event time), sometimes an order key reused.
                    long ts = random.nextInt(10) == 0 ? now - random.nextInt(2_000) : now;
                    String key = random.nextInt(15) == 0 && !model.isEmpty() ? anyKey(model, random) : "o-" + nextKey++;
                    Reservation r = new Reservation(key, "c-" + step, SYMBOLS[random.nextInt(SYMBOLS.length)],
                            (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(5)), 100, ts);
                    state.reserve(r);
                    model.put(key, r);
                } else if (op < 75) {
                    long cutoff = now - 1_000 + (random.nextInt(10) == 0 ? -random.nextInt(3_000) : 0);
                    state.expireReservations(cutoff);
                    model.values().removeIf(r -> r.tsMs() <= cutoff);
                } else if (op < 85 && !model.isEmpty()) {
                    String key = anyKey(model, random);
                    state.release(key);
                    model.remove(key);
                } else if (op < 95 && !model.isEmpty()) {
                    String key = anyKey(model, random);
                    Reservation r = model.remove(key);
                    double remaining = Math.abs(r.signedQty()) / 2;
                    state.shrinkReservation(key, remaining);
                    model.put(key, r.withSignedQty(Math.copySign(remaining, r.signedQty())));
                } else {
                    state = serde.deserialize("t", serde.serialize("t", state));
                }
                assertThat(new ArrayList<>(state.reservations().values())).as("seed %d step %d", seed, step)
                        .isEqualTo(new ArrayList<>(model.values()));
                if (random.nextInt(3) == 0) {
                    assertThat(serde.serialize("t", state)).as("stored bytes, seed %d step %d", seed, step)
                            .isEqualTo(ByteBufferStateFormat.serialize(state));
                }
                for (String symbol : SYMBOLS) {
                    assertThat(state.positionOrCreate(symbol).reservedBuyQty()).as("buy %s seed %d step %d", symbol, seed, step)
                            .isCloseTo(reserved(model, symbol, 1), org.assertj.core.data.Offset.offset(1e-9));
                    assertThat(state.positionOrCreate(symbol).reservedSellQty()).as("sell %s seed %d step %d", symbol, seed, step)
                            .isCloseTo(reserved(model, symbol, -1), org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    @Test
    @DisplayName("in order, expiry visits only what it releases and the first live reservation")
    void stopsAtFirstLive() {
        BotRiskState state = new BotRiskState("bot");
        for (int i = 0; i < 1_000; i++) {
            state.reserve(new Reservation("o-" + i, null, "BTCUSDT", 1, 100, i));
        }
        List<Reservation> expired = state.expireReservations(9);
        assertThat(expired).extracting(Reservation::orderKey).containsExactly("o-0", "o-1", "o-2", "o-3", "o-4", "o-5", "o-6",
                "o-7", "o-8", "o-9");
        assertThat(state.reservations()).hasSize(990);
        assertThat(state.positionOrCreate("BTCUSDT").reservedBuyQty()).isEqualTo(990);
    }

    @Test
    @DisplayName("a late check out of order is still released at its own time, and a restored book keeps its order")
    void lateCheckExpiresOnTime() {
        BotRiskState state = new BotRiskState("bot");
        state.reserve(new Reservation("a", null, "BTCUSDT", 1, 100, 100));
        state.reserve(new Reservation("b", null, "BTCUSDT", 1, 100, 300));
        state.reserve(new Reservation("late", null, "BTCUSDT", 1, 100, 50));
        state = serde.deserialize("t", serde.serialize("t", state));
        assertThat(state.expireReservations(60)).extracting(Reservation::orderKey).containsExactly("late");
        assertThat(state.reservations().keySet()).containsExactly("a", "b");
        assertThat(state.expireReservations(100)).extracting(Reservation::orderKey).containsExactly("a");
        assertThat(state.reservations().keySet()).containsExactly("b");
    }

    private static String anyKey(Map<String, Reservation> model, Random random) {
        return new ArrayList<>(model.keySet()).get(random.nextInt(model.size()));
    }

    private static double reserved(Map<String, Reservation> model, String symbol, int sign) {
        return model.values().stream().filter(r -> r.symbol().equals(symbol) && Math.signum(r.signedQty()) == sign)
                .mapToDouble(r -> Math.abs(r.signedQty())).sum();
    }
}
