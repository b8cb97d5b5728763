package com.quantumedge.supervisor.policy.engine;

import java.util.Map;

import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.ControlCommand;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.policy.config.PolicyConfig;

/**
 * T2: a bot silent for {@code restart-after} (counted from its last heartbeat, or from the last
 * policy restart, whichever is later, so a restarted bot gets the same grace) is restarted, unless
 * the cooldown since the last restart has not passed, an operator stopped it, or the policy already
 * escalated. When K restarts already happened within the window, the next one escalates instead:
 * an operator-equivalent HALT for the risk engine plus a CRITICAL ESCALATED event. Restarts stay
 * suspended after an escalation until an operator START, RESTART, SET_MODE or RESUME.
 */
final class HeartbeatRestartRule {

    static final String RULE = "heartbeat-stale-restart";
    static final String ESCALATION_RULE = "restart-budget";
    static final String ALERT = "ESCALATED";

    private final long restartAfterMs;
    private final long cooldownMs;
    private final int maxPerWindow;
    private final long windowMs;

    HeartbeatRestartRule(PolicyConfig.Heartbeat heartbeat, PolicyConfig.Restart restart) {
        this.restartAfterMs = heartbeat.restartAfter().toMillis();
        this.cooldownMs = restart.cooldown().toMillis();
        this.maxPerWindow = restart.maxPerWindow();
        this.windowMs = restart.window().toMillis();
    }

    void onClock(BotSupervision bot, Emissions out) {
        RestartWindow.prune(bot.policyRestartsMs, bot.clockMs, windowMs);
        if (bot.lastHeartbeatMs == null || bot.operatorStopped || bot.escalated) {
            return;
        }
        long reference = bot.lastRestartMs == null ? bot.lastHeartbeatMs : Math.max(bot.lastHeartbeatMs, bot.lastRestartMs);
        long silentMs = bot.clockMs - reference;
        if (silentMs < restartAfterMs) {
            return;
        }
        if (bot.lastRestartMs != null && bot.clockMs - bot.lastRestartMs < cooldownMs) {
            return;
        }
        long ageMs = bot.clockMs - bot.lastHeartbeatMs;
        int used = bot.policyRestartsMs.size();
        if (used >= maxPerWindow) {
            escalate(bot, ageMs, used, out);
        } else {
            restart(bot, ageMs, used, out);
        }
    }

    private void restart(BotSupervision bot, long ageMs, int used, Emissions out) {
        String reason = "no heartbeat for " + ageMs + " ms (restart after " + restartAfterMs + " ms); restart "
                + (used + 1) + " of " + maxPerWindow + " within " + windowMs + " ms";
        ControlCommand command = out.ruleCommand(bot, RULE, bot.clockMs, CommandType.RESTART, reason);
        bot.policyRestartsMs.add(bot.clockMs);
        bot.lastRestartMs = bot.clockMs;
        out.event(bot, RULE, bot.clockMs, EventType.RESTART_REQUESTED, Severity.WARNING, reason,
                command.getCommandId(), Map.of(
                        "heartbeat_age_ms", Long.toString(ageMs),
                        "restart_after_ms", Long.toString(restartAfterMs),
                        "restarts_in_window", Integer.toString(used + 1),
                        "max_restarts_per_window", Integer.toString(maxPerWindow)));
    }

    private void escalate(BotSupervision bot, long ageMs, int used, Emissions out) {
        String reason = "no heartbeat for " + ageMs + " ms after " + used + " policy restarts within "
                + windowMs + " ms (budget " + maxPerWindow + "): halting trading";
        OperatorCommand halt = out.halt(bot, ESCALATION_RULE, bot.clockMs, reason);
        bot.escalated = true;
        bot.openAlerts.add(ALERT);
        out.event(bot, ESCALATION_RULE, bot.clockMs, EventType.ESCALATED, Severity.CRITICAL, reason,
                halt.getCommandId(), Map.of(
                        "heartbeat_age_ms", Long.toString(ageMs),
                        "restarts_in_window", Integer.toString(used),
                        "max_restarts_per_window", Integer.toString(maxPerWindow),
                        "action", "HALT"));
    }
}
