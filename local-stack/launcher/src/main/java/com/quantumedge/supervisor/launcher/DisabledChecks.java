package com.quantumedge.supervisor.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.launcher.DiagCommand.Check;
import com.quantumedge.supervisor.launcher.DiagCommand.Status;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.limits.LimitCheck;
import com.quantumedge.supervisor.schemas.limits.LimitSource;
import com.quantumedge.supervisor.schemas.limits.ResolvedLimits;

/**
 * The diag lines about risk checks that are switched off: one warning per check listed in the
 * {@code disabled_checks} of the defaults record ({@code *}, for every bot without a list of its
 * own) and of each bot's record; a single ok line when every check is on. Resolved by the shared
 * limits model, so a bot's own list (even an empty one) replaces the defaults' list as risk-stream
 * applies it. Symbol overrides cannot switch a check off.
 */
final class DisabledChecks {

    static final String NAME = "limits";

    private DisabledChecks() {
    }

    /** @param latest the latest record per key of the limits topic (no tombstones) */
    static List<Check> check(Map<String, RiskLimits> latest) {
        RiskLimits defaults = latest.get(Topics.DEFAULT_LIMITS_KEY);
        List<Check> out = new ArrayList<>();
        ResolvedLimits.DisabledChecks byDefaults = ResolvedLimits.resolve(defaults, null, null).disabledChecks();
        for (LimitCheck c : byDefaults.checks()) {
            out.add(warn(c, "for every bot without its own disabled_checks", defaults));
        }
        Map<String, RiskLimits> bots = new TreeMap<>(latest);
        bots.remove(Topics.DEFAULT_LIMITS_KEY);
        bots.forEach((bot, limits) -> {
            ResolvedLimits.DisabledChecks own = ResolvedLimits.resolve(defaults, limits, null).disabledChecks();
            if (own.source() == LimitSource.BOT) {
                for (LimitCheck c : own.checks()) {
                    out.add(warn(c, "for bot " + bot, limits));
                }
            }
        });
        if (out.isEmpty()) {
            out.add(new Check(NAME, Status.OK, "every risk check is on ("
                    + (defaults == null ? "built-in defaults, no defaults record" : "defaults record v" + defaults.getVersion())
                    + ", " + bots.size() + " bot record(s))"));
        }
        return out;
    }

    private static Check warn(LimitCheck check, String scope, RiskLimits record) {
        return new Check(NAME, Status.WARN, check + " is switched off " + scope + " (disabled_checks of '" + record.getBotId()
                + "' v" + record.getVersion() + ", by " + record.getUpdatedBy()
                + (record.getReason().isBlank() ? "" : ": " + record.getReason()) + ")");
    }
}
