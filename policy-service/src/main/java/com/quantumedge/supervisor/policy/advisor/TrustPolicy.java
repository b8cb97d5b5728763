package com.quantumedge.supervisor.policy.advisor;

import java.util.Map;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.TradingState;

/**
 * Decides what of an advice reaches operators and what is applied. Advice already in effect is
 * dropped silently (the model repeats itself every round); in apply mode, advice is applied only
 * when it can only reduce risk or undo the advisor's own action:
 * <ul>
 * <li>PAUSE_ENTRIES: unless entries are already paused or the bot is halted (both: already in effect);</li>
 * <li>RESUME_ENTRIES: only a pause the advisor set ({@code llm_paused}); an operator's pause is
 *     announced as advice but never lifted;</li>
 * <li>LOWER_RISK: the multiplier clamped to [{@code min-risk-multiplier}, 1], and only if below
 *     the current one; advice that would raise it is announced, not applied.</li>
 * </ul>
 */
public final class TrustPolicy {

    private static final double EPSILON = 1e-9;

    private final TrustMode mode;
    private final double minRiskMultiplier;

    public TrustPolicy(TrustMode mode, double minRiskMultiplier) {
        this.mode = mode;
        this.minRiskMultiplier = minRiskMultiplier;
    }

    public TrustDecision decide(Advice advice, BotView view) {
        if (mode == TrustMode.OFF) {
            return TrustDecision.silent("mode off: dry run");
        }
        return switch (advice.action()) {
            case NONE -> TrustDecision.silent("no action advised");
            case PAUSE_ENTRIES -> pauseEntries(view);
            case RESUME_ENTRIES -> resumeEntries(view);
            case LOWER_RISK -> lowerRisk(advice, view);
        };
    }

    /** The multiplier an advice may set: within [floor, 1] whatever the model said. */
    public double clamp(double advised) {
        return Math.min(1.0, Math.max(minRiskMultiplier, advised));
    }

    private TrustDecision pauseEntries(BotView view) {
        if (view.tradingState() == TradingState.HALTED) {
            return TrustDecision.silent("bot is halted: nothing to pause");
        }
        if (view.entriesPaused()) {
            return TrustDecision.silent("entries already paused");
        }
        return applyOrAnnounce(CommandType.PAUSE_ENTRIES, Map.of(), null);
    }

    private TrustDecision resumeEntries(BotView view) {
        if (!view.entriesPaused()) {
            return TrustDecision.silent("entries are not paused");
        }
        if (!view.llmPaused()) {
            return TrustDecision.announced(null, "not applied: entries were paused by an operator, not by the advisor");
        }
        return applyOrAnnounce(CommandType.RESUME_ENTRIES, Map.of(), null);
    }

    private TrustDecision lowerRisk(Advice advice, BotView view) {
        double multiplier = clamp(advice.riskMultiplier());
        double current = view.riskMultiplier();
        if (Math.abs(multiplier - current) < EPSILON) {
            return TrustDecision.silent("risk multiplier already " + current);
        }
        if (multiplier > current) {
            return TrustDecision.announced(multiplier,
                    "not applied: " + multiplier + " would raise the current risk multiplier " + current);
        }
        return applyOrAnnounce(CommandType.SET_RISK_MULTIPLIER, Map.of("multiplier", Double.toString(multiplier)), multiplier);
    }

    private TrustDecision applyOrAnnounce(CommandType command, Map<String, String> args, Double multiplier) {
        return mode == TrustMode.APPLY
                ? TrustDecision.applied(command, args, multiplier)
                : TrustDecision.announced(multiplier, "not applied: advise mode");
    }
}
