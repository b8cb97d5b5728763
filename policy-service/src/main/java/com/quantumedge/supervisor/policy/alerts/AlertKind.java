package com.quantumedge.supervisor.policy.alerts;

import com.quantumedge.supervisor.avro.Severity;

/**
 * The supervisor's alert conditions: the Alertmanager {@code alertname}, its severity and the service
 * whose records raise it. docs/operations.md says what each means and what to do.
 */
public enum AlertKind {

    /** Risk state HALTED, until it is lifted. */
    BOT_HALTED("BotHalted", Severity.CRITICAL, "risk-stream"),
    /** Risk state REDUCING (reduce-only), until it is lifted. */
    BOT_REDUCING("BotReducing", Severity.WARNING, "risk-stream"),
    /** New entries paused (by an operator or the LLM advisor), until resumed. */
    BOT_ENTRIES_PAUSED("BotEntriesPaused", Severity.WARNING, "risk-stream"),
    /** The agent gave up restarting the bot (process state FAILED), until it runs again. */
    BOT_FAILED("BotFailed", Severity.CRITICAL, "process-agent"),
    /** The policy saw a crash loop and halted trading, until an operator starts, restarts or resumes the bot. */
    BOT_CRASH_LOOP("BotCrashLoop", Severity.CRITICAL, "policy-service"),
    /** No heartbeat for longer than the policy's stale threshold, until a heartbeat arrives. */
    BOT_HEARTBEAT_STALE("BotHeartbeatStale", Severity.WARNING, "policy-service"),
    /** The bot's reported position of a symbol differs from its fills, until the book agrees again. */
    POSITION_MISMATCH("PositionMismatch", Severity.WARNING, "risk-stream"),
    /** The LLM advisor fails for the bot (breaker open, timeouts, ...), until a round succeeds. */
    ADVISOR_UNAVAILABLE("AdvisorUnavailable", Severity.WARNING, "policy-service"),
    /** A service dead-lettered records, until none came for the quiet period. */
    DEAD_LETTERS("DeadLetters", Severity.WARNING, "supervisor");

    private final String alertname;
    private final Severity severity;
    private final String service;

    AlertKind(String alertname, Severity severity, String service) {
        this.alertname = alertname;
        this.severity = severity;
        this.service = service;
    }

    public String alertname() {
        return alertname;
    }

    public Severity severity() {
        return severity;
    }

    public String service() {
        return service;
    }

    /** The record key and store key of this condition of a bot: {@code bot|alertname[|detail]}. */
    public String key(String botId, String detail) {
        return detail == null ? botId + "|" + alertname : botId + "|" + alertname + "|" + detail;
    }
}
