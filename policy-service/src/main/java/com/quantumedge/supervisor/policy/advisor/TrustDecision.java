package com.quantumedge.supervisor.policy.advisor;

import java.util.Map;

import com.quantumedge.supervisor.avro.CommandType;

/**
 * What the trust policy made of one advice.
 *
 * @param announce   publish the advice as an ALERT event
 * @param command    the operator command to issue, null when nothing is applied
 * @param args       the command's arguments (the clamped multiplier for SET_RISK_MULTIPLIER)
 * @param multiplier the advised multiplier after clamping, null unless LOWER_RISK
 * @param outcome    what happened and why, for the event and the logs
 */
public record TrustDecision(boolean announce, CommandType command, Map<String, String> args, Double multiplier,
        String outcome) {

    public TrustDecision {
        args = Map.copyOf(args);
    }

    static TrustDecision silent(String outcome) {
        return new TrustDecision(false, null, Map.of(), null, outcome);
    }

    static TrustDecision announced(Double multiplier, String outcome) {
        return new TrustDecision(true, null, Map.of(), multiplier, outcome);
    }

    static TrustDecision applied(CommandType command, Map<String, String> args, Double multiplier) {
        return new TrustDecision(true, command, args, multiplier, "applied");
    }

    public boolean applies() {
        return command != null;
    }
}
