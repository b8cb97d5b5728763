package com.quantumedge.supervisor.policy.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.quantumedge.supervisor.avro.ControlCommand;

/**
 * Recorded ControlCommands against replayed ones, matched by command id (ids are deterministic,
 * so the same decision has the same id): reproduced exactly, changed (same id, other content),
 * missing from the replay, or new in the replay.
 */
public record CommandDiff(
        List<ControlCommand> reproduced,
        List<Changed> changed,
        List<ControlCommand> missing,
        List<ControlCommand> added) {

    public record Changed(ControlCommand recorded, ControlCommand replayed) {
    }

    public static CommandDiff between(List<ControlCommand> recorded, List<ControlCommand> replayed) {
        Map<String, ControlCommand> byId = new LinkedHashMap<>();
        replayed.forEach(c -> byId.putIfAbsent(c.getCommandId(), c));
        List<ControlCommand> reproduced = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        List<ControlCommand> missing = new ArrayList<>();
        for (ControlCommand r : recorded) {
            ControlCommand match = byId.remove(r.getCommandId());
            if (match == null) {
                missing.add(r);
            } else if (match.equals(r)) {
                reproduced.add(r);
            } else {
                changed.add(new Changed(r, match));
            }
        }
        return new CommandDiff(reproduced, changed, missing, List.copyOf(byId.values()));
    }

    public boolean isEmpty() {
        return changed.isEmpty() && missing.isEmpty() && added.isEmpty();
    }

    /** Share of recorded commands the replay reproduced exactly; 1.0 when nothing was recorded. */
    public double reproducedRatio() {
        int recorded = reproduced.size() + changed.size() + missing.size();
        return recorded == 0 ? 1.0 : (double) reproduced.size() / recorded;
    }

    /** One line per difference, for a CLI or a test failure message. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("reproduced %d, changed %d, missing %d, added %d (%.1f%% reproduced)%n",
                reproduced.size(), changed.size(), missing.size(), added.size(), 100 * reproducedRatio()));
        changed.forEach(c -> sb.append("~ ").append(line(c.recorded())).append(" -> ").append(line(c.replayed())).append('\n'));
        missing.forEach(c -> sb.append("- ").append(line(c)).append('\n'));
        added.forEach(c -> sb.append("+ ").append(line(c)).append('\n'));
        return sb.toString();
    }

    private static String line(ControlCommand c) {
        return c.getTsMs() + " " + c.getBotId() + " " + c.getCommandType() + " by " + c.getIssuedBy()
                + " (" + c.getReason() + ") " + c.getArgs();
    }
}
