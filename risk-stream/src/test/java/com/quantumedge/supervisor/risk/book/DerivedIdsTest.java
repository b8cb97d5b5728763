package com.quantumedge.supervisor.risk.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.schemas.fixtures.Concurrently;
import com.quantumedge.supervisor.schemas.fixtures.RandomText;

class DerivedIdsTest {

    /** The algorithm the ids were always derived with; replays compare ids against it. */
    private static String original(String inputEventId, String what) {
        return UUID.nameUUIDFromBytes((inputEventId + "|" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Test
    @DisplayName("derived ids equal UUID.nameUUIDFromBytes of 'input|what' for the ids and suffixes the engine uses")
    void sameAsOriginalForEngineInputs() {
        Random random = new Random(1);
        String[] suffixes = {"decision", "state|0", "state|9223372036854775807", "RISK_BREACH|", "POSITION_MISMATCH|BTCUSDT",
                "TRADING_STATE_CHANGED|", "OPERATOR_COMMAND_APPLIED|"};
        for (int i = 0; i < 20_000; i++) {
            String input = new UUID(random.nextLong(), random.nextLong()).toString();
            String what = suffixes[i % suffixes.length];
            assertThat(EventFactory.derivedId(input, what)).isEqualTo(original(input, what));
        }
    }

    @Test
    @DisplayName("derived ids equal the original for any text: non-ASCII, supplementary and lone surrogates, empty, long, null")
    void sameAsOriginalForAnyText() {
        Random random = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            String input = RandomText.string(random, i % 100 == 0 ? 5_000 : 60);
            String what = RandomText.string(random, 30);
            assertThat(EventFactory.derivedId(input, what)).as("%s | %s", input, what).isEqualTo(original(input, what));
        }
        assertThat(EventFactory.derivedId("", "")).isEqualTo(original("", ""));
        assertThat(EventFactory.derivedId(null, "decision")).isEqualTo(original(null, "decision"));
        assertThat(EventFactory.derivedId("a\uD800", "\uDC00b")).isEqualTo(original("a\uD800", "\uDC00b"));
    }

    @Test
    @DisplayName("threads deriving ids at the same time each get the original's ids")
    void threadSafe() throws Exception {
        assertThat(Concurrently.holdsOnEveryThread(4, 0, seed -> {
            Random random = new Random(seed);
            for (int i = 0; i < 5_000; i++) {
                String input = RandomText.string(random, 50);
                if (!EventFactory.derivedId(input, "decision").equals(original(input, "decision"))) {
                    return false;
                }
            }
            return true;
        })).isTrue();
    }
}
