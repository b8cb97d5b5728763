package com.quantumedge.supervisor.risk.topology;

import static com.quantumedge.supervisor.risk.Inputs.T0;
import static com.quantumedge.supervisor.risk.Inputs.command;
import static com.quantumedge.supervisor.risk.Inputs.funded;
import static com.quantumedge.supervisor.risk.Inputs.limitBuy;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.DecisionCode;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.OrderDecision;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.TradingState;

/** llm_paused: entries paused by the LLM advisor (commands with source ADVISOR), and who may lift that pause. */
class LlmPausedTopologyTest {

    private static final String BOT = "bot-1";
    private static final String BTC = "BTCUSDT";

    private static OperatorCommand advisor(long ts, CommandType type) {
        return OperatorCommand.newBuilder(command(BOT, ts, type)).setSource("ADVISOR").setIssuedBy("advisor:test-model")
                .build();
    }

    @Test
    @DisplayName("an advisor PAUSE_ENTRIES pauses entries and sets llm_paused in risk state and in decisions")
    void advisorPauseSetsLlmPaused() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(advisor(T0, CommandType.PAUSE_ENTRIES));

            OrderDecision entry = driver.check(limitBuy(BOT, T0 + 1, BTC, 0.1, 60_000));
            assertThat(entry.getCode()).isEqualTo(DecisionCode.ENTRIES_PAUSED);
            assertThat(entry.getEntriesPaused()).isTrue();
            assertThat(entry.getLlmPaused()).isTrue();
            RiskState state = driver.latestState(BOT);
            assertThat(state.getEntriesPaused()).isTrue();
            assertThat(state.getLlmPaused()).isTrue();
            assertThat(state.getTradingState()).isEqualTo(TradingState.ACTIVE);
        }
    }

    @Test
    @DisplayName("an operator PAUSE_ENTRIES pauses entries as before, without llm_paused")
    void operatorPauseIsNotLlmPaused() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(command(BOT, T0, CommandType.PAUSE_ENTRIES));

            OrderDecision entry = driver.check(limitBuy(BOT, T0 + 1, BTC, 0.1, 60_000));
            assertThat(entry.getCode()).isEqualTo(DecisionCode.ENTRIES_PAUSED);
            assertThat(entry.getLlmPaused()).isFalse();
            assertThat(driver.latestState(BOT).getLlmPaused()).isFalse();
        }
    }

    @Test
    @DisplayName("the advisor's RESUME_ENTRIES lifts its own pause and clears llm_paused")
    void advisorResumeLiftsItsOwnPause() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(funded(BOT)).pipe(advisor(T0, CommandType.PAUSE_ENTRIES)).pipe(advisor(T0 + 1, CommandType.RESUME_ENTRIES));

            assertThat(driver.check(limitBuy(BOT, T0 + 2, BTC, 0.1, 60_000)).getCode()).isEqualTo(DecisionCode.OK);
            RiskState state = driver.latestState(BOT);
            assertThat(state.getEntriesPaused()).isFalse();
            assertThat(state.getLlmPaused()).isFalse();
        }
    }

    @Test
    @DisplayName("an operator's RESUME_ENTRIES lifts the advisor's pause")
    void operatorResumeEntriesLiftsAdvisorPause() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(advisor(T0, CommandType.PAUSE_ENTRIES)).pipe(command(BOT, T0 + 1, CommandType.RESUME_ENTRIES));

            RiskState state = driver.latestState(BOT);
            assertThat(state.getEntriesPaused()).isFalse();
            assertThat(state.getLlmPaused()).isFalse();
        }
    }

    @Test
    @DisplayName("an operator's RESUME lifts the advisor's pause together with a halt")
    void operatorResumeLiftsAdvisorPause() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(funded(BOT)).pipe(advisor(T0, CommandType.PAUSE_ENTRIES))
                    .pipe(command(BOT, T0 + 1, CommandType.HALT))
                    .pipe(command(BOT, T0 + 2, CommandType.RESUME));

            RiskState state = driver.latestState(BOT);
            assertThat(state.getTradingState()).isEqualTo(TradingState.ACTIVE);
            assertThat(state.getEntriesPaused()).isFalse();
            assertThat(state.getLlmPaused()).isFalse();
            assertThat(driver.check(limitBuy(BOT, T0 + 3, BTC, 0.1, 60_000)).getCode()).isEqualTo(DecisionCode.OK);
        }
    }

    @Test
    @DisplayName("an operator's RESUME leaves an operator's own pause in place, as before")
    void operatorResumeKeepsOperatorPause() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(command(BOT, T0, CommandType.PAUSE_ENTRIES)).pipe(command(BOT, T0 + 1, CommandType.RESUME));

            RiskState state = driver.latestState(BOT);
            assertThat(state.getEntriesPaused()).isTrue();
            assertThat(state.getLlmPaused()).isFalse();
        }
    }

    @Test
    @DisplayName("the advisor cannot lift an operator's pause: its RESUME_ENTRIES is rejected and entries stay paused")
    void advisorCannotLiftOperatorPause() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(command(BOT, T0, CommandType.PAUSE_ENTRIES));
            driver.events();
            driver.pipe(advisor(T0 + 1, CommandType.RESUME_ENTRIES));

            assertThat(driver.events(EventType.OPERATOR_COMMAND_REJECTED)).singleElement()
                    .satisfies(e -> assertThat(e.getAttributes()).containsEntry("source", "ADVISOR"));
            assertThat(driver.check(limitBuy(BOT, T0 + 2, BTC, 0.1, 60_000)).getCode()).isEqualTo(DecisionCode.ENTRIES_PAUSED);
            assertThat(driver.latestState(BOT).getEntriesPaused()).isTrue();
        }
    }

    @Test
    @DisplayName("an advisor pause on top of an operator's pause leaves the pause the operator's")
    void advisorPauseOnOperatorPauseStaysOperators() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(command(BOT, T0, CommandType.PAUSE_ENTRIES)).pipe(advisor(T0 + 1, CommandType.PAUSE_ENTRIES));

            RiskState state = driver.latestState(BOT);
            assertThat(state.getEntriesPaused()).isTrue();
            assertThat(state.getLlmPaused()).isFalse();
        }
    }

    @Test
    @DisplayName("an operator pausing entries the advisor paused takes the pause over: the advisor can no longer lift it")
    void operatorPauseTakesOverAdvisorPause() {
        try (RiskDriver driver = new RiskDriver()) {
            driver.pipe(advisor(T0, CommandType.PAUSE_ENTRIES))
                    .pipe(command(BOT, T0 + 1, CommandType.PAUSE_ENTRIES))
                    .pipe(advisor(T0 + 2, CommandType.RESUME_ENTRIES));

            RiskState state = driver.latestState(BOT);
            assertThat(state.getEntriesPaused()).isTrue();
            assertThat(state.getLlmPaused()).isFalse();
        }
    }
}
