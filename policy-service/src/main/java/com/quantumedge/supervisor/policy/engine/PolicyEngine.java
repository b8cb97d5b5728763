package com.quantumedge.supervisor.policy.engine;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Tick;
import com.quantumedge.supervisor.policy.config.PolicyConfig;

/**
 * The supervision policy of one bot, as a function of its remembered state and the next input.
 * No wall clock, no randomness: time is the event time carried by heartbeats and ticks, so the
 * same inputs in the same order always give the same outputs.
 *
 * <p>Order of evaluation when the bot's clock advances: stale warning, stale restart (with
 * cooldown, budget and escalation), then the periodic snapshot, which therefore already shows what
 * the rules just decided.
 */
public final class PolicyEngine {

    private final StaleHeartbeatRule staleHeartbeat;
    private final HeartbeatRestartRule heartbeatRestart;
    private final CrashLoopRule crashLoop;
    private final OperatorCommandRule operatorCommands;
    private final SnapshotRule snapshots;

    /** A policy without an LLM advisor to answer LLM_CHECK: those are rejected. */
    public PolicyEngine(PolicyConfig config) {
        this(config, false);
    }

    /** @param llmChecksAnswered whether this service's LLM advisor answers LLM_CHECK commands */
    public PolicyEngine(PolicyConfig config, boolean llmChecksAnswered) {
        this.staleHeartbeat = new StaleHeartbeatRule(config.heartbeat());
        this.heartbeatRestart = new HeartbeatRestartRule(config.heartbeat(), config.restart());
        this.crashLoop = new CrashLoopRule(config.crashLoop());
        this.operatorCommands = new OperatorCommandRule(config.operator(), llmChecksAnswered);
        this.snapshots = new SnapshotRule(config.snapshot(), config.restart());
    }

    public Emissions onHeartbeat(BotSupervision bot, Heartbeat heartbeat) {
        Emissions out = new Emissions();
        long heartbeatMs = HeartbeatTime.of(heartbeat);
        bot.mode = heartbeat.getMode() != null ? heartbeat.getMode() : bot.mode;
        bot.heartbeatEquity = heartbeat.getEquity();
        bot.heartbeatRealizedPnl = heartbeat.getRealizedPnlToday();
        bot.heartbeatUnrealizedPnl = heartbeat.getUnrealizedPnl();
        bot.openOrders = Math.max(heartbeat.getOpenOrderCount(), heartbeat.getOpenOrders().size());
        staleHeartbeat.onHeartbeat(bot, heartbeatMs, out);
        advanceClock(bot, heartbeatMs, out);
        return out;
    }

    public Emissions onTick(BotSupervision bot, Tick tick) {
        Emissions out = new Emissions();
        advanceClock(bot, tick.getTsMs(), out);
        return out;
    }

    public Emissions onRiskState(BotSupervision bot, RiskState risk) {
        if (risk.getSequence() < bot.riskSequence) {
            return new Emissions(); // an older state redelivered or replayed out of order
        }
        bot.riskSequence = risk.getSequence();
        bot.tradingState = risk.getTradingState().name();
        bot.riskEquity = risk.getEquity();
        bot.realizedPnl = risk.getRealizedPnlToday();
        bot.unrealizedPnl = risk.getUnrealizedPnl();
        bot.grossExposure = risk.getGrossExposure();
        bot.netExposure = risk.getNetExposure();
        bot.riskMultiplier = risk.getRiskMultiplier();
        return new Emissions();
    }

    public Emissions onAgentStatus(BotSupervision bot, AgentStatus status) {
        Emissions out = new Emissions();
        crashLoop.onAgentStatus(bot, status, out);
        return out;
    }

    public Emissions onOperatorCommand(BotSupervision bot, OperatorCommand command) {
        Emissions out = new Emissions();
        operatorCommands.onOperatorCommand(bot, command, out);
        return out;
    }

    private void advanceClock(BotSupervision bot, long eventMs, Emissions out) {
        if (bot.hasClock() && eventMs <= bot.clockMs) {
            return; // a duplicate or late tick changes nothing
        }
        bot.clockMs = eventMs;
        staleHeartbeat.onClock(bot, out);
        heartbeatRestart.onClock(bot, out);
        snapshots.onClock(bot, out);
    }
}
