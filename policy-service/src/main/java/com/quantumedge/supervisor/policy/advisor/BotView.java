package com.quantumedge.supervisor.policy.advisor;

import java.util.ArrayList;
import java.util.List;

import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;

/**
 * What the advisor knows of one bot: the policy's latest snapshot, the risk engine's latest state
 * (null until one arrived) and the bot's most recent supervisor events. Immutable; replaced whole.
 *
 * @param partition the partition the bot's records come from (all its topics are co-partitioned)
 */
public record BotView(String botId, int partition, Snapshot snapshot, RiskState risk, List<SupervisorEvent> recentEvents) {

    public BotView {
        recentEvents = List.copyOf(recentEvents);
    }

    static BotView empty(String botId, int partition) {
        return new BotView(botId, partition, null, null, List.of());
    }

    BotView withSnapshot(Snapshot s, int p) {
        return new BotView(botId, p, s, risk, recentEvents);
    }

    BotView withRisk(RiskState r, int p) {
        return risk != null && r.getSequence() < risk.getSequence() ? this : new BotView(botId, p, snapshot, r, recentEvents);
    }

    BotView withEvent(SupervisorEvent e, int p, int keep) {
        if (keep == 0) {
            return this;
        }
        List<SupervisorEvent> events = new ArrayList<>(recentEvents);
        events.add(e);
        return new BotView(botId, p, snapshot, risk, events.subList(Math.max(0, events.size() - keep), events.size()));
    }

    TradingState tradingState() {
        return risk != null ? risk.getTradingState() : snapshot.getTradingState();
    }

    boolean entriesPaused() {
        return risk != null && risk.getEntriesPaused();
    }

    boolean llmPaused() {
        return risk != null && risk.getLlmPaused();
    }

    double riskMultiplier() {
        return risk != null ? risk.getRiskMultiplier() : snapshot.getRiskMultiplier();
    }
}
