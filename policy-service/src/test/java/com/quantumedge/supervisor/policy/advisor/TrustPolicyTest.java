package com.quantumedge.supervisor.policy.advisor;

import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.risk;
import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.snapshot;
import static com.quantumedge.supervisor.policy.advisor.AdvisorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.TradingState;

@DisplayName("Trust policy")
class TrustPolicyTest {

    private static final String BOT = "bot-1";
    private static final TrustPolicy APPLY = new TrustPolicy(TrustMode.APPLY, 0.25);
    private static final TrustPolicy ADVISE = new TrustPolicy(TrustMode.ADVISE, 0.25);

    private static final BotView RUNNING = view(snapshot(BOT, "s-1"), risk(BOT, 1, false, false, 1.0));

    private static Advice advice(AdviceAction action, Double multiplier) {
        return new Advice(action, multiplier, "because");
    }

    @Test
    @DisplayName("apply mode turns PAUSE_ENTRIES into a PAUSE_ENTRIES command, announced")
    void applyPause() {
        TrustDecision d = APPLY.decide(advice(AdviceAction.PAUSE_ENTRIES, null), RUNNING);

        assertThat(d.command()).isEqualTo(CommandType.PAUSE_ENTRIES);
        assertThat(d.announce()).isTrue();
    }

    @Test
    @DisplayName("advise mode announces the same advice and applies nothing")
    void adviseOnly() {
        TrustDecision d = ADVISE.decide(advice(AdviceAction.PAUSE_ENTRIES, null), RUNNING);

        assertThat(d.applies()).isFalse();
        assertThat(d.announce()).isTrue();
        assertThat(d.outcome()).contains("advise mode");
    }

    @Test
    @DisplayName("mode off and NONE advice publish nothing")
    void silent() {
        assertThat(new TrustPolicy(TrustMode.OFF, 0.25).decide(advice(AdviceAction.PAUSE_ENTRIES, null), RUNNING).announce())
                .isFalse();
        assertThat(APPLY.decide(advice(AdviceAction.NONE, null), RUNNING).announce()).isFalse();
    }

    @Test
    @DisplayName("PAUSE_ENTRIES already in effect (entries paused, or bot halted) is dropped silently")
    void pauseAlreadyInEffect() {
        BotView paused = view(snapshot(BOT, "s-1"), risk(BOT, 1, true, false, 1.0));
        BotView halted = view(snapshot(BOT, "s-1", TradingState.HALTED, 1.0), null);

        assertThat(APPLY.decide(advice(AdviceAction.PAUSE_ENTRIES, null), paused).announce()).isFalse();
        assertThat(APPLY.decide(advice(AdviceAction.PAUSE_ENTRIES, null), halted).announce()).isFalse();
    }

    @Test
    @DisplayName("RESUME_ENTRIES lifts only the advisor's own pause")
    void resumeOwnPause() {
        BotView llmPaused = view(snapshot(BOT, "s-1"), risk(BOT, 1, true, true, 1.0));

        assertThat(APPLY.decide(advice(AdviceAction.RESUME_ENTRIES, null), llmPaused).command())
                .isEqualTo(CommandType.RESUME_ENTRIES);
    }

    @Test
    @DisplayName("RESUME_ENTRIES against an operator's pause is announced but never applied")
    void resumeOperatorPause() {
        BotView operatorPaused = view(snapshot(BOT, "s-1"), risk(BOT, 1, true, false, 1.0));

        TrustDecision d = APPLY.decide(advice(AdviceAction.RESUME_ENTRIES, null), operatorPaused);

        assertThat(d.applies()).isFalse();
        assertThat(d.announce()).isTrue();
        assertThat(d.outcome()).contains("operator");
    }

    @ParameterizedTest(name = "advised {0} with current {1} -> {2}")
    @CsvSource({
            "0.5, 1.0, 0.5",
            "0.05, 1.0, 0.25",
            "-3, 1.0, 0.25",
            "0.0, 0.8, 0.25"})
    @DisplayName("LOWER_RISK sets the advised multiplier clamped to the floor")
    void lowerRiskClamped(double advised, double current, String applied) {
        BotView bot = view(snapshot(BOT, "s-1"), risk(BOT, 1, false, false, current));

        TrustDecision d = APPLY.decide(advice(AdviceAction.LOWER_RISK, advised), bot);

        assertThat(d.command()).isEqualTo(CommandType.SET_RISK_MULTIPLIER);
        assertThat(d.args()).isEqualTo(Map.of("multiplier", applied));
    }

    @Test
    @DisplayName("LOWER_RISK never raises risk: above 1 it is clamped to 1, and above the current multiplier it is not applied")
    void lowerRiskNeverRaises() {
        BotView lowered = view(snapshot(BOT, "s-1"), risk(BOT, 1, false, false, 0.5));

        TrustDecision d = APPLY.decide(advice(AdviceAction.LOWER_RISK, 1.7), lowered);

        assertThat(d.applies()).isFalse();
        assertThat(d.multiplier()).isEqualTo(1.0);
        assertThat(d.outcome()).contains("would raise");
        assertThat(APPLY.clamp(1.7)).isEqualTo(1.0);
    }

    @Test
    @DisplayName("LOWER_RISK to the multiplier already set is dropped silently")
    void lowerRiskAlreadyInEffect() {
        BotView lowered = view(snapshot(BOT, "s-1"), risk(BOT, 1, false, false, 0.5));

        assertThat(APPLY.decide(advice(AdviceAction.LOWER_RISK, 0.5), lowered).announce()).isFalse();
    }

    @Test
    @DisplayName("without a risk state the snapshot's multiplier is the current one")
    void snapshotMultiplierWithoutRiskState() {
        BotView fromSnapshot = view(snapshot(BOT, "s-1", TradingState.ACTIVE, 0.4), null);

        assertThat(APPLY.decide(advice(AdviceAction.LOWER_RISK, 0.5), fromSnapshot).applies()).isFalse();
        assertThat(APPLY.decide(advice(AdviceAction.LOWER_RISK, 0.3), fromSnapshot).applies()).isTrue();
    }
}
