package com.quantumedge.supervisor.risk.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.schemas.fixtures.Concurrently;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.schemas.fixtures.RandomText;

class StateFormatCompatibilityTest {

    private final BotRiskStateSerde serde = new BotRiskStateSerde();

    @Test
    @DisplayName("the stored bytes of random states, and of states restored from them, equal the original ByteBuffer writer's")
    void sameBytesAsOriginalWriter() {
        Random random = new Random(4);
        for (int i = 0; i < 3_000; i++) {
            BotRiskState s = randomState(random, i % 500 == 0 ? 2_000 : 12);
            assertThat(serde.serialize("t", s)).isEqualTo(ByteBufferStateFormat.serialize(s));
            BotRiskState restored = serde.deserialize("t", serde.serialize("t", s));
            assertThat(serde.serialize("t", restored)).isEqualTo(ByteBufferStateFormat.serialize(restored));
        }
    }

    @Test
    @DisplayName("a state written again after it changed (the same String objects, new values) gives the original's bytes")
    void sameBytesWhenRewrittenAfterChanges() {
        Random random = new Random(5);
        BotRiskState s = randomState(random, 8);
        for (int i = 0; i < 2_000; i++) {
            mutate(s, random);
            assertThat(serde.serialize("t", s)).isEqualTo(ByteBufferStateFormat.serialize(s));
        }
    }

    @Test
    @DisplayName("threads writing states at the same time each get the original's bytes")
    void threadSafe() throws Exception {
        assertThat(Concurrently.holdsOnEveryThread(4, 100, seed -> {
            Random random = new Random(seed);
            BotRiskState s = randomState(random, 10);
            for (int i = 0; i < 2_000; i++) {
                mutate(s, random);
                if (!java.util.Arrays.equals(serde.serialize("t", s), ByteBufferStateFormat.serialize(s))) {
                    return false;
                }
            }
            return true;
        })).isTrue();
    }

    private static BotRiskState randomState(Random random, int maxItems) {
        BotRiskState s = new BotRiskState(RandomText.string(random, 20));
        for (int i = random.nextInt(maxItems + 1); i > 0; i--) {
            mutate(s, random);
        }
        s.transition(TradingState.values()[random.nextInt(TradingState.values().length)],
                random.nextBoolean() ? null : RandomText.string(random, 80),
                random.nextBoolean() ? null : DecisionCode.values()[random.nextInt(DecisionCode.values().length)],
                random.nextLong());
        return s;
    }

    /** One change of the kinds inputs make, reusing String objects already in the state where inputs would. */
    private static void mutate(BotRiskState s, Random random) {
        String symbol = random.nextInt(4) == 0 || s.positions.isEmpty() ? RandomText.string(random, 10)
                : new ArrayList<>(s.positions.keySet()).get(random.nextInt(s.positions.size()));
        switch (random.nextInt(9)) {
            case 0 -> s.reserve(new Reservation(RandomText.string(random, 36), random.nextBoolean() ? null : RandomText.string(random, 36),
                    symbol, randomDouble(random), randomDouble(random), random.nextLong()));
            case 1 -> s.expireReservations(random.nextLong());
            case 2 -> PositionAccounting.applyFill(s.positionOrCreate(symbol), randomDouble(random), Math.abs(randomDouble(random)));
            case 3 -> s.positionOrCreate(symbol).markPrice(Math.abs(randomDouble(random)), random.nextLong());
            case 4 -> s.markApplied(RandomText.string(random, 24) + "-" + random.nextInt(6), random.nextLong());
            case 5 -> s.mismatchedSymbols().add(symbol);
            case 6 -> s.submitTimes().add(random.nextLong());
            case 7 -> s.equity(randomDouble(random));
            default -> {
                s.riskMultiplier(randomDouble(random));
                s.pauseEntries(random.nextBoolean());
                s.bumpSequence();
                s.lastHeartbeatMs(random.nextLong());
                s.addRealizedPnlToday(randomDouble(random));
            }
        }
    }

    private static double randomDouble(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> Double.longBitsToDouble(0x7ff8_0000_0000_0001L + random.nextInt(1_000));
            case 2 -> -0.0;
            case 3 -> Double.POSITIVE_INFINITY;
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12));
        };
    }
}
