package com.quantumedge.supervisor.policy.engine;

import java.util.List;

import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.policy.config.PolicyConfig;

/**
 * One Snapshot per bot whenever its event-time clock enters a new interval (intervals aligned to
 * the epoch), so ticks alone keep snapshots coming when nothing else happens. Risk state wins over
 * heartbeat numbers when both are known: it is what the risk engine decides on.
 */
final class SnapshotRule {

    static final String RULE = "snapshot";

    private final long intervalMs;
    private final long restartWindowMs;

    SnapshotRule(PolicyConfig.Snapshot config, PolicyConfig.Restart restart) {
        this.intervalMs = config.interval().toMillis();
        this.restartWindowMs = restart.window().toMillis();
    }

    void onClock(BotSupervision bot, Emissions out) {
        long bucket = Math.floorDiv(bot.clockMs, intervalMs);
        if (bucket <= bot.lastSnapshotBucket) {
            return;
        }
        bot.lastSnapshotBucket = bucket;
        RestartWindow.prune(bot.policyRestartsMs, bot.clockMs, restartWindowMs);
        boolean risk = bot.hasRiskState();
        out.add(Snapshot.newBuilder()
                .setEventId(DeterministicIds.of(bot.botId, RULE, bucket * intervalMs, "snapshot"))
                .setBotId(bot.botId)
                .setTsMs(bot.clockMs)
                .setTradingState(TradingState.valueOf(bot.tradingState))
                .setProcessState(ProcessState.valueOf(bot.processState))
                .setHeartbeatAgeMs(bot.lastHeartbeatMs == null ? null : bot.clockMs - bot.lastHeartbeatMs)
                .setEquity(risk && bot.riskEquity != null ? bot.riskEquity : bot.heartbeatEquity)
                .setRealizedPnlToday(risk ? bot.realizedPnl : orZero(bot.heartbeatRealizedPnl))
                .setUnrealizedPnl(risk ? bot.unrealizedPnl : orZero(bot.heartbeatUnrealizedPnl))
                .setGrossExposure(bot.grossExposure)
                .setNetExposure(bot.netExposure)
                .setOpenOrders(bot.openOrders)
                .setRestartsInWindow(bot.policyRestartsMs.size())
                .setRiskMultiplier(bot.riskMultiplier)
                .setMode(bot.mode)
                .setOpenAlerts(List.copyOf(bot.openAlerts))
                .build());
    }

    private static double orZero(Double value) {
        return value == null ? 0.0 : value;
    }
}
