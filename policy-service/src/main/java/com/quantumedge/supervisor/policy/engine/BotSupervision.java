package com.quantumedge.supervisor.policy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * What the policy remembers about one bot between records (one value of the state store).
 * All times are event times in epoch ms; {@code clockMs} is the bot's event-time clock, the
 * highest heartbeat or tick time seen.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class BotSupervision {

    String botId;
    long clockMs = Long.MIN_VALUE;
    Long lastHeartbeatMs;
    boolean staleWarned;
    Long lastRestartMs;
    List<Long> policyRestartsMs = new ArrayList<>();
    boolean escalated;
    boolean operatorStopped;

    String processState = "UNKNOWN";
    Integer agentRestartCount;
    List<Long> agentRestartsMs = new ArrayList<>();
    boolean crashLoopAlerted;

    long lastSnapshotBucket = Long.MIN_VALUE;
    TreeSet<String> openAlerts = new TreeSet<>();

    String mode;
    Double heartbeatEquity;
    Double heartbeatRealizedPnl;
    Double heartbeatUnrealizedPnl;
    int openOrders;

    long riskSequence = -1;
    String tradingState = "ACTIVE";
    Double riskEquity;
    double realizedPnl;
    double unrealizedPnl;
    double grossExposure;
    double netExposure;
    double riskMultiplier = 1.0;

    BotSupervision() {
        // for the state store serde
    }

    public static BotSupervision newBot(String botId) {
        BotSupervision s = new BotSupervision();
        s.botId = botId;
        return s;
    }

    public String botId() {
        return botId;
    }

    boolean hasClock() {
        return clockMs != Long.MIN_VALUE;
    }

    boolean hasRiskState() {
        return riskSequence >= 0;
    }
}
