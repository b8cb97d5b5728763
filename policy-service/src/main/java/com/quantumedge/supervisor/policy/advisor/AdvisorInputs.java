package com.quantumedge.supervisor.policy.advisor;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;

/**
 * The latest {@link BotView} of every bot on this instance's partitions. Written by the input
 * consumer's thread, read by advice rounds; each update replaces a bot's view atomically.
 */
public final class AdvisorInputs {

    private final int recentEvents;
    private final ConcurrentHashMap<String, BotView> bots = new ConcurrentHashMap<>();

    public AdvisorInputs(int recentEvents) {
        this.recentEvents = recentEvents;
    }

    public void onSnapshot(Snapshot snapshot, int partition) {
        onSnapshot(snapshot, partition, false);
    }

    /** @param reread read again on getting the partition: known, but never advised by a round (see {@link BotView}) */
    public void onSnapshot(Snapshot snapshot, int partition, boolean reread) {
        update(snapshot.getBotId(), partition, view -> view.withSnapshot(snapshot, partition, reread));
    }

    public void onRiskState(RiskState risk, int partition) {
        update(risk.getBotId(), partition, view -> view.withRisk(risk, partition));
    }

    /** The advisor's own events are left out: the model is asked about the bot, not about itself. */
    public void onEvent(SupervisorEvent event, int partition) {
        if (AdvisorRecords.EVENT_SOURCE.equals(event.getSource())) {
            return;
        }
        update(event.getBotId(), partition, view -> view.withEvent(event, partition, recentEvents));
    }

    /** Bots whose partitions moved to another instance: that instance advises them now. */
    public void forgetPartitions(Collection<Integer> partitions) {
        Set<Integer> gone = Set.copyOf(partitions);
        bots.values().removeIf(view -> gone.contains(view.partition()));
    }

    /** What is known of one bot on this instance, or null. */
    public BotView view(String botId) {
        return bots.get(botId);
    }

    /** Bots with a snapshot a round may advise: one that arrived while this instance had the bot. */
    public List<BotView> advisable() {
        return bots.values().stream().filter(view -> view.snapshot() != null && !view.snapshotReread()).toList();
    }

    private void update(String botId, int partition, UnaryOperator<BotView> change) {
        bots.compute(botId, (bot, view) -> change.apply(view == null ? BotView.empty(bot, partition) : view));
    }
}
