package com.quantumedge.supervisor.policy.advisor;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts advice calls, never waits for them. A round advises every bot with a snapshot it has not
 * advised on yet, at most one call per bot and {@code max-concurrent-calls} overall; the bots
 * advised longest ago go first, so a busy endpoint delays bots fairly instead of starving some.
 */
final class AdvisorRounds {

    private static final Logger log = LoggerFactory.getLogger(AdvisorRounds.class);

    private final AdvisorInputs inputs;
    private final AdviceCycle cycle;
    private final int maxConcurrentCalls;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastAdvisedSnapshot = new ConcurrentHashMap<>();
    private final Map<String, Long> lastStarted = new ConcurrentHashMap<>();
    private final AtomicLong starts = new AtomicLong();

    AdvisorRounds(AdvisorInputs inputs, AdviceCycle cycle, int maxConcurrentCalls) {
        this.inputs = inputs;
        this.cycle = cycle;
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /** @return how many calls this round started */
    int startRound() {
        int started = 0;
        for (BotView view : inputs.advisable().stream()
                .sorted(Comparator.comparingLong(v -> lastStarted.getOrDefault(v.botId(), -1L))).toList()) {
            if (inFlight.size() >= maxConcurrentCalls) {
                break;
            }
            String snapshotId = view.snapshot().getEventId();
            if (snapshotId.equals(lastAdvisedSnapshot.get(view.botId())) || !inFlight.add(view.botId())) {
                continue;
            }
            lastAdvisedSnapshot.put(view.botId(), snapshotId);
            lastStarted.put(view.botId(), starts.incrementAndGet());
            cycle.advise(view).whenComplete((ignored, error) -> inFlight.remove(view.botId()));
            started++;
        }
        if (started > 0) {
            log.debug("Advice round started {} calls, {} in flight", started, inFlight.size());
        }
        return started;
    }

    /**
     * Starts an operator's on-demand check of one bot at once, outside the rounds and their
     * {@code max-concurrent-calls} (operators ask rarely and want the answer now); still one call per bot.
     * Refused, with the reason published, when the bot has no snapshot here or a call for it is running.
     */
    void checkNow(CheckRequest request) {
        String botId = request.botId();
        BotView view = inputs.view(botId);
        if (view == null || view.snapshot() == null) {
            cycle.refuse(request, "llm-check of " + botId + ": no snapshot of this bot on the advisor (the policy writes one "
                    + "per bot every snapshot.interval; the advisor re-reads the last input-lookback when it starts)");
            return;
        }
        if (!inFlight.add(botId)) {
            cycle.refuse(request, "llm-check of " + botId + ": a review of this bot is already running; its advice follows as an ALERT");
            return;
        }
        lastStarted.put(botId, starts.incrementAndGet());
        cycle.advise(view, request).whenComplete((ignored, error) -> inFlight.remove(botId));
    }

    int inFlight() {
        return inFlight.size();
    }
}
