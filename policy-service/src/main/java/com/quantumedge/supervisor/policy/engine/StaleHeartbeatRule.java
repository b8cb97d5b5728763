package com.quantumedge.supervisor.policy.engine;

import java.util.Map;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.policy.config.PolicyConfig;

/**
 * T1: one HEARTBEAT_STALE warning per stale episode, and HEARTBEAT_RESUMED when a heartbeat ends
 * the episode. A bot never heard from has no episode: there is nothing to be stale against. A bot
 * an operator stopped is expected to be silent, and a bot just (re)started gets T1 to speak.
 */
final class StaleHeartbeatRule {

    static final String RULE = "heartbeat-stale";
    static final String ALERT = "HEARTBEAT_STALE";

    private final long staleAfterMs;

    StaleHeartbeatRule(PolicyConfig.Heartbeat config) {
        this.staleAfterMs = config.staleAfter().toMillis();
    }

    void onHeartbeat(BotSupervision bot, long heartbeatMs, Emissions out) {
        Long previous = bot.lastHeartbeatMs;
        if (previous != null && heartbeatMs <= previous) {
            return; // duplicate or out of order: not news
        }
        bot.lastHeartbeatMs = heartbeatMs;
        if (bot.staleWarned) {
            bot.staleWarned = false;
            bot.openAlerts.remove(ALERT);
            long silentMs = heartbeatMs - previous;
            long tsMs = bot.hasClock() ? Math.max(bot.clockMs, heartbeatMs) : heartbeatMs;
            out.event(bot, RULE, tsMs, EventType.HEARTBEAT_RESUMED, Severity.INFO,
                    "heartbeat resumed after " + silentMs + " ms of silence", null,
                    Map.of("silent_ms", Long.toString(silentMs), "heartbeat_ts_ms", Long.toString(heartbeatMs)));
        }
    }

    void onClock(BotSupervision bot, Emissions out) {
        if (bot.lastHeartbeatMs == null || bot.staleWarned || bot.operatorStopped) {
            return;
        }
        long ageMs = bot.clockMs - bot.lastHeartbeatMs;
        long sinceStartMs = bot.lastRestartMs == null ? ageMs : bot.clockMs - bot.lastRestartMs;
        if (ageMs >= staleAfterMs && sinceStartMs >= staleAfterMs) {
            bot.staleWarned = true;
            bot.openAlerts.add(ALERT);
            out.event(bot, RULE, bot.clockMs, EventType.HEARTBEAT_STALE, Severity.WARNING,
                    "no heartbeat for " + ageMs + " ms (stale after " + staleAfterMs + " ms)", null,
                    Map.of("heartbeat_age_ms", Long.toString(ageMs), "stale_after_ms", Long.toString(staleAfterMs),
                            "last_heartbeat_ts_ms", Long.toString(bot.lastHeartbeatMs)));
        }
    }
}
