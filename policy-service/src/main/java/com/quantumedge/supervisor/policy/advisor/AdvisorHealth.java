package com.quantumedge.supervisor.policy.advisor;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether advice works for each bot, so that an outage raises one alert when it starts and one
 * when it ends, not one per failed round.
 */
final class AdvisorHealth {

    private final ConcurrentHashMap<String, Integer> failedRounds = new ConcurrentHashMap<>();

    /** Records a failed round; true when it turns the bot's advice from available to unavailable. */
    boolean failed(String botId) {
        return failedRounds.merge(botId, 1, Integer::sum) == 1;
    }

    /** Records a good round; the number of failed rounds it ends, 0 when advice was available. */
    int succeeded(String botId) {
        Integer failed = failedRounds.remove(botId);
        return failed == null ? 0 : failed;
    }
}
