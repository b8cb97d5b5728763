package com.quantumedge.supervisor.policy.engine;

import java.util.Map;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.policy.config.PolicyConfig;

/**
 * Crash loops the process agent reports: its start limit was hit (PROCESS_STATE FAILED), or its
 * restart_count grew by {@code max-restarts} within the window (in the agent's event time). Either
 * halts trading through an operator-equivalent HALT and raises one CRITICAL CRASH_LOOP alert per
 * loop; an operator START, RESTART, SET_MODE or RESUME ends the loop.
 */
final class CrashLoopRule {

    static final String RULE = "crash-loop";
    static final String ALERT = "CRASH_LOOP";

    private final int maxRestarts;
    private final long windowMs;

    CrashLoopRule(PolicyConfig.CrashLoop config) {
        this.maxRestarts = config.maxRestarts();
        this.windowMs = config.window().toMillis();
    }

    void onAgentStatus(BotSupervision bot, AgentStatus status, Emissions out) {
        if (status.getKind() != AgentStatusKind.PROCESS_STATE) {
            return;
        }
        long tsMs = status.getTsMs();
        bot.processState = status.getProcessState().name();
        if (status.getMode() != null) {
            bot.mode = status.getMode();
        }
        int count = status.getRestartCount();
        Integer previous = bot.agentRestartCount;
        bot.agentRestartCount = count;
        if (previous != null && count > previous) {
            for (int i = previous; i < count; i++) {
                bot.agentRestartsMs.add(tsMs);
            }
        }
        RestartWindow.prune(bot.agentRestartsMs, tsMs, windowMs);
        if (bot.crashLoopAlerted) {
            return;
        }
        if (status.getProcessState() == ProcessState.FAILED) {
            alert(bot, tsMs, "agent reports FAILED after " + count + " restarts"
                    + (status.getMessage() == null ? "" : " (" + status.getMessage() + ")"), status, out);
        } else if (bot.agentRestartsMs.size() >= maxRestarts) {
            alert(bot, tsMs, bot.agentRestartsMs.size() + " agent restarts within " + windowMs
                    + " ms (limit " + maxRestarts + ")", status, out);
        }
    }

    private void alert(BotSupervision bot, long tsMs, String cause, AgentStatus status, Emissions out) {
        String reason = "crash loop: " + cause + ": halting trading";
        OperatorCommand halt = out.halt(bot, RULE, tsMs, reason);
        bot.crashLoopAlerted = true;
        bot.openAlerts.add(ALERT);
        out.event(bot, RULE, tsMs, EventType.CRASH_LOOP, Severity.CRITICAL, reason, halt.getCommandId(), Map.of(
                "process_state", status.getProcessState().name(),
                "restart_count", Integer.toString(status.getRestartCount()),
                "restarts_in_window", Integer.toString(bot.agentRestartsMs.size()),
                "max_restarts", Integer.toString(maxRestarts),
                "agent_id", status.getAgentId(),
                "action", "HALT"));
    }
}
