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
 * @param partition      the partition the bot's records come from (all its topics are co-partitioned)
 * @param snapshotReread the snapshot was re-read when the advisor got the bot's partition (start, rebalance): it
 *                       may have been advised before, so rounds leave it alone; an operator's llm-check may use it
 */
public record BotView(String botId, int partition, Snapshot snapshot, RiskState risk, List<SupervisorEvent> recentEvents,
        boolean snapshotReread) {

    public BotView {
        recentEvents = List.copyOf(recentEvents);
    }

    static BotView empty(String botId, int partition) {
        return new BotView(botId, partition, null, null, List.of(), false);
    }

    BotView withSnapshot(Snapshot s, int p, boolean reread) {
        return new BotView(botId, p, s, risk, recentEvents, reread);
    }

    BotView withRisk(RiskState r, int p) {
        return risk != null && r.getSequence() < risk.getSequence() ? this : new BotView(botId, p, snapshot, r, recentEvents, snapshotReread);
    }

    BotView withEvent(SupervisorEvent e, int p, int keep) {
        if (keep == 0) {
            return this;
        }
        List<SupervisorEvent> events = new ArrayList<>(recentEvents);
        events.add(e);
        return new BotView(botId, p, snapshot, risk, events.subList(Math.max(0, events.size() - keep), events.size()),
                snapshotReread);
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
