package com.quantumedge.supervisor.risk.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.TradingState;

class BotRiskStateSerdeTest {

    private final BotRiskStateSerde serde = new BotRiskStateSerde();

    @Test
    @DisplayName("a fully populated state survives the store's binary form unchanged")
    void roundTrip() {
        BotRiskState s = new BotRiskState("bot-1");
        s.transition(TradingState.HALTED, "auto-halt", DecisionCode.DAILY_LOSS_LIMIT, 42);
        s.pauseEntries(true);
        s.riskMultiplier(0.5);
        s.startTradingDay(20_000);
        s.equity(1_000);
        s.addRealizedPnlToday(-12.5);
        s.lastHeartbeatMs(77);
        PositionAccounting.applyFill(s.positionOrCreate("BTCUSDT"), 1.5, 100);
        s.positionOrCreate("BTCUSDT").markPrice(101, 80);
        s.reserve(new Reservation("c-1", "corr-1", "ETHUSDT", -2, 3_000, 90));
        s.submitTimes().add(90);
        s.markApplied("qe.executions.v1-3", 17);
        s.mismatchedSymbols().add("BTCUSDT");
        s.bumpSequence();

        byte[] bytes = serde.serialize("t", s);
        BotRiskState back = serde.deserialize("t", bytes);

        assertThat(serde.serialize("t", back)).isEqualTo(bytes);
        assertThat(back.haltCause()).isEqualTo(DecisionCode.DAILY_LOSS_LIMIT);
        assertThat(back.positionQty("BTCUSDT")).isEqualTo(1.5);
        assertThat(back.reservations()).containsKey("c-1");
        assertThat(back.hasApplied("qe.executions.v1-3", 17)).isTrue();
        assertThat(back.hasApplied("qe.executions.v1-3", 18)).isFalse();
        assertThat(back.entriesPaused()).isTrue();
        assertThat(back.llmPaused()).isTrue();
    }

    @Test
    @DisplayName("a state stored before llm_paused existed (format 1) still reads, as paused but not by the advisor")
    void formatOneStillReads() {
        BotRiskState s = new BotRiskState("bot-1");
        s.pauseEntries(true);
        byte[] current = serde.serialize("t", s);
        byte[] formatOne = java.util.Arrays.copyOf(current, current.length - 1);
        formatOne[0] = 1;

        BotRiskState back = serde.deserialize("t", formatOne);

        assertThat(back.entriesPaused()).isTrue();
        assertThat(back.llmPaused()).isFalse();
    }

    @Test
    @DisplayName("bytes of an unknown format are refused, not misread")
    void unknownFormat() {
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {9, 0, 0})).isInstanceOf(SerializationException.class);
    }
}
