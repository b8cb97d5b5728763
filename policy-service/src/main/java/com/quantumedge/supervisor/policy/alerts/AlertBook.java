package com.quantumedge.supervisor.policy.alerts;

import java.util.List;

import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.RiskState;

/** What {@link BotAlertRules} read and change: a bot's firing alerts and the facts the descriptions need. */
interface AlertBook {

    /** The firing alert under {@code key}, or null. */
    Alert firing(String key);

    /** The firing alerts whose key starts with {@code prefix}. */
    List<Alert> firingWithPrefix(String prefix);

    /** Records {@code alert} as firing and publishes it. */
    void fire(Alert alert);

    /** If {@code key} is firing: publishes it resolved at {@code endsAtMs} and forgets it. */
    void resolve(String key, long endsAtMs, String why);

    /** The latest risk state of the bot seen, or null. */
    RiskState riskState(String botId);

    void rememberRiskState(RiskState state);

    /** The latest PAUSE_ENTRIES command of the bot seen, or null. */
    OperatorCommand pauseCommand(String botId);

    void rememberPauseCommand(OperatorCommand command);

    /** Drops what is remembered of a bot that no longer exists. */
    void forgetBot(String botId);
}
