package com.quantumedge.supervisor.policy.alerts;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.OperatorCommand;
import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;

/**
 * Sets and clears a bot's alert conditions from what the topics say, in event time. Each condition is
 * set once (its start never moves while it lasts) and cleared once; inputs that change nothing emit
 * nothing.
 */
final class BotAlertRules {

    private static final double QTY_TOLERANCE = 1e-9;

    private final AlertBook book;

    BotAlertRules(AlertBook book) {
        this.book = book;
    }

    void onRiskState(RiskState r) {
        String bot = r.getBotId();
        long ts = r.getTsMs();
        long since = r.getStateSinceTsMs() > 0 ? r.getStateSinceTsMs() : ts;
        String reason = r.getStateReason() == null ? "no reason recorded" : r.getStateReason();
        tradingState(r, AlertKind.BOT_HALTED, TradingState.HALTED, since, reason,
                "Trading of " + bot + " is HALTED: no new orders are allowed",
                "./supervisor control resume --bot " + bot + " --reason '<why it is safe again>'");
        tradingState(r, AlertKind.BOT_REDUCING, TradingState.REDUCING, since, reason,
                "Trading of " + bot + " is REDUCING: only orders that reduce exposure are allowed",
                "./supervisor control resume --bot " + bot + " --reason '<why it is safe again>'");
        entriesPaused(r);
        book.rememberRiskState(r);
        for (Alert mismatch : book.firingWithPrefix(AlertKind.POSITION_MISMATCH.key(bot, ""))) {
            String symbol = mismatch.getLabels().get("symbol");
            double reported = Double.parseDouble(mismatch.getLabels().getOrDefault("reported_qty", "NaN"));
            if (Math.abs(quantity(r, symbol) - reported) <= QTY_TOLERANCE) {
                book.resolve(mismatch.getAlertKey(), ts, "the risk book holds " + reported + " " + symbol + " as the bot reports");
            }
        }
    }

    private void tradingState(RiskState r, AlertKind kind, TradingState state, long since, String reason, String summary,
            String command) {
        String key = kind.key(r.getBotId(), null);
        if (r.getTradingState() == state) {
            if (book.firing(key) == null) {
                book.fire(AlertRecords.firing(kind, r.getBotId(), null, since, r.getTsMs(), Map.of(), summary,
                        state + " since " + Instant.ofEpochMilli(since) + " by " + reason + ". " + numbers(r), command));
            }
        } else {
            book.resolve(key, since, "trading state " + r.getTradingState() + " since " + Instant.ofEpochMilli(since) + " (" + reason + ")");
        }
    }

    private void entriesPaused(RiskState r) {
        String bot = r.getBotId();
        String key = AlertKind.BOT_ENTRIES_PAUSED.key(bot, null);
        if (!r.getEntriesPaused()) {
            book.resolve(key, r.getTsMs(), "entries resumed");
            return;
        }
        if (book.firing(key) != null) {
            return;
        }
        OperatorCommand pause = book.pauseCommand(bot);
        boolean known = pause != null && pause.getTsMs() <= r.getTsMs();
        String who = known ? pause.getIssuedBy() + ": " + pause.getReason() : "an unrecorded command";
        String description = (r.getLlmPaused() ? "Paused by the LLM advisor (" + who + ")" : "Paused by " + who) + ". " + numbers(r);
        book.fire(AlertRecords.firing(AlertKind.BOT_ENTRIES_PAUSED, bot, null, known ? pause.getTsMs() : r.getTsMs(), r.getTsMs(),
                Map.of("paused_by", r.getLlmPaused() ? "advisor" : "operator"),
                "New entries of " + bot + " are paused", description,
                "./supervisor control resume-entries --bot " + bot + " --reason '<why entries may open again>'"));
    }

    void onAgentStatus(AgentStatus s) {
        String bot = s.getBotId();
        String key = AlertKind.BOT_FAILED.key(bot, null);
        ProcessState state = s.getProcessState();
        if (state == ProcessState.FAILED) {
            if (book.firing(key) == null) {
                book.fire(AlertRecords.firing(AlertKind.BOT_FAILED, bot, null, s.getTsMs(), s.getTsMs(), Map.of(),
                        "Bot " + bot + " FAILED: its process agent gave up restarting it",
                        "Agent " + s.getAgentId() + " reports FAILED after " + s.getRestartCount() + " restarts"
                                + (s.getExitCode() == null ? "" : ", last exit code " + s.getExitCode())
                                + (s.getSignal() == null ? "" : ", signal " + s.getSignal())
                                + (s.getMessage() == null ? "" : ": " + s.getMessage()) + ". Read the bot's log before starting it again.",
                        "./supervisor control start --bot " + bot + " --reason '<what was fixed>'"));
            }
        } else if (state == ProcessState.RUNNING || state == ProcessState.STARTING) {
            book.resolve(key, s.getTsMs(), "agent " + s.getAgentId() + " reports " + state
                    + (s.getPid() == null ? "" : " (pid " + s.getPid() + ")"));
        }
    }

    void onEvent(SupervisorEvent e) {
        String bot = e.getBotId();
        Map<String, String> a = e.getAttributes();
        switch (e.getEventType()) {
            case CRASH_LOOP -> {
                if (book.firing(AlertKind.BOT_CRASH_LOOP.key(bot, null)) == null) {
                    book.fire(AlertRecords.firing(AlertKind.BOT_CRASH_LOOP, bot, null, e.getTsMs(), e.getTsMs(), Map.of(),
                            "Bot " + bot + " is crash-looping; the policy halted its trading",
                            e.getMessage() + " (restart count " + a.getOrDefault("restart_count", "?") + ", "
                                    + a.getOrDefault("restarts_in_window", "?") + " restarts in the window, limit "
                                    + a.getOrDefault("max_restarts", "?") + ", agent " + a.getOrDefault("agent_id", "?")
                                    + "). Fix the cause, then start (or restart) the bot and resume trading.",
                            "./supervisor control start --bot " + bot + " --reason '<what was fixed>' && "
                                    + "./supervisor control resume --bot " + bot + " --reason '<why it is safe again>'"));
                }
            }
            case HEARTBEAT_STALE -> {
                if (book.firing(AlertKind.BOT_HEARTBEAT_STALE.key(bot, null)) == null) {
                    book.fire(AlertRecords.firing(AlertKind.BOT_HEARTBEAT_STALE, bot, null, e.getTsMs(), e.getTsMs(), Map.of(),
                            "No heartbeat from " + bot + " for " + seconds(a.get("heartbeat_age_ms")),
                            e.getMessage() + "; last heartbeat at " + instant(a.get("last_heartbeat_ts_ms"))
                                    + ". The policy restarts the bot after its restart threshold.",
                            "./supervisor status && ./supervisor control restart --bot " + bot + " --reason '<why>'"));
                }
            }
            case HEARTBEAT_RESUMED -> book.resolve(AlertKind.BOT_HEARTBEAT_STALE.key(bot, null), e.getTsMs(), e.getMessage());
            case POSITION_MISMATCH -> positionMismatch(e);
            case ALERT -> advisor(e);
            default -> {
            }
        }
    }

    private void positionMismatch(SupervisorEvent e) {
        String bot = e.getBotId();
        String symbol = e.getSymbol() == null ? "?" : e.getSymbol();
        String reportedText = e.getAttributes().getOrDefault("reported_qty", "NaN");
        double reported = Double.parseDouble(reportedText);
        RiskState latest = book.riskState(bot);
        if (latest != null && latest.getTsMs() >= e.getTsMs() && Math.abs(quantity(latest, symbol) - reported) <= QTY_TOLERANCE) {
            return; // the risk book already took the bot's quantity (TRUST_HEARTBEAT) or caught up
        }
        String key = AlertKind.POSITION_MISMATCH.key(bot, symbol);
        if (book.firing(key) == null) {
            book.fire(AlertRecords.firing(AlertKind.POSITION_MISMATCH, bot, symbol, e.getTsMs(), e.getTsMs(),
                    Map.of("symbol", symbol, "reported_qty", reportedText),
                    "Position of " + bot + " in " + symbol + " differs from its fills",
                    e.getMessage() + ". Reconcile the bot's position with the exchange; trading state is unchanged.",
                    "./supervisor tail sup.events.v1 --bot " + bot + " --since 1h"));
        }
    }

    private void advisor(SupervisorEvent e) {
        Map<String, String> a = e.getAttributes();
        if (a.containsKey("requested_by")) {
            return; // the answer to one operator llm-check, not the advisor's state
        }
        String key = AlertKind.ADVISOR_UNAVAILABLE.key(e.getBotId(), null);
        if ("UNAVAILABLE".equals(a.get("state"))) {
            if (book.firing(key) == null) {
                book.fire(AlertRecords.firing(AlertKind.ADVISOR_UNAVAILABLE, e.getBotId(), null, e.getTsMs(), e.getTsMs(), Map.of(),
                        "LLM advisor unavailable for " + e.getBotId() + " (" + a.getOrDefault("kind", "?") + ")",
                        e.getMessage() + " (model " + a.getOrDefault("model", "?") + "). Supervision and risk checks go on.",
                        "./supervisor llm-check --bot " + e.getBotId() + " --reason '<probe the model>'"));
            }
        } else if ("AVAILABLE".equals(a.get("state"))) {
            book.resolve(key, e.getTsMs(), e.getMessage());
        }
    }

    void onOperatorCommand(OperatorCommand c) {
        switch (c.getCommandType()) {
            case PAUSE_ENTRIES -> book.rememberPauseCommand(c);
            case START, RESTART, SET_MODE, RESUME -> book.resolve(AlertKind.BOT_CRASH_LOOP.key(c.getBotId(), null), c.getTsMs(),
                    c.getCommandType() + " by " + c.getIssuedBy() + ": " + c.getReason());
            default -> {
            }
        }
    }

    /** The bot was retired (its risk state deleted): nothing of it can fire any more. */
    void onRetired(String botId, long tsMs) {
        for (Alert alert : book.firingWithPrefix(botId + "|")) {
            book.resolve(alert.getAlertKey(), tsMs, "bot " + botId + " retired");
        }
        book.forgetBot(botId);
    }

    private static double quantity(RiskState r, String symbol) {
        for (PositionState p : r.getPositions()) {
            if (p.getSymbol().equals(symbol)) {
                return p.getQty();
            }
        }
        return 0;
    }

    private static String numbers(RiskState r) {
        return String.format(Locale.ROOT, "Equity %s, drawdown %.2f%%, realized PnL today %.2f, unrealized %.2f, gross exposure %.2f, "
                + "risk multiplier %.2f.", r.getEquity() == null ? "unknown" : String.format(Locale.ROOT, "%.2f", r.getEquity()),
                r.getDrawdownPct(), r.getRealizedPnlToday(), r.getUnrealizedPnl(), r.getGrossExposure(), r.getRiskMultiplier());
    }

    private static String seconds(String millis) {
        return millis == null ? "a while" : (Long.parseLong(millis) / 1000) + " s";
    }

    private static String instant(String millis) {
        return millis == null ? "unknown" : Instant.ofEpochMilli(Long.parseLong(millis)).toString();
    }
}
