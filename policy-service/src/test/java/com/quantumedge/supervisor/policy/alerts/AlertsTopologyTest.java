package com.quantumedge.supervisor.policy.alerts;

import static com.quantumedge.supervisor.policy.alerts.AlertsDriver.BOT;
import static com.quantumedge.supervisor.policy.alerts.AlertsDriver.position;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.AlertState;
import com.quantumedge.supervisor.avro.CommandType;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.TradingState;

class AlertsTopologyTest {

    private static final long T = 1_765_000_000_000L;
    private final AlertsDriver driver = new AlertsDriver();

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    @DisplayName("a HALT fires BotHalted once, from the state's event time, naming who halted and why; lifting it resolves it")
    void haltedUntilLifted() {
        driver.riskState(T, TradingState.HALTED, "operator alice: exchange maintenance");
        driver.riskState(T + 1_000, TradingState.HALTED, "operator alice: exchange maintenance");

        List<Alert> fired = driver.alerts();
        assertThat(fired).hasSize(1);
        Alert halted = fired.get(0);
        assertThat(halted.getAlertKey()).isEqualTo(BOT + "|BotHalted");
        assertThat(halted.getAlertname()).isEqualTo("BotHalted");
        assertThat(halted.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(halted.getService()).isEqualTo("risk-stream");
        assertThat(halted.getState()).isEqualTo(AlertState.FIRING);
        assertThat(halted.getStartsAtMs()).isEqualTo(T);
        assertThat(halted.getEndsAtMs()).isNull();
        assertThat(halted.getDescription()).contains("alice", "exchange maintenance", "drawdown 3.50%", "realized PnL today -120.00");
        assertThat(halted.getCommand()).isEqualTo("./supervisor control resume --bot bot-1 --reason '<why it is safe again>'");

        driver.riskState(T + 60_000, TradingState.ACTIVE, "operator bob: maintenance over");
        List<Alert> resolved = driver.alerts();
        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.getAlertKey()).isEqualTo(BOT + "|BotHalted");
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getStartsAtMs()).isEqualTo(T);
            assertThat(a.getEndsAtMs()).isEqualTo(T + 60_000);
            assertThat(a.getDescription()).contains("bob: maintenance over");
        });
    }

    @Test
    @DisplayName("REDUCING fires BotReducing; a switch to HALTED resolves it and fires BotHalted")
    void reducingThenHalted() {
        driver.riskState(T, TradingState.REDUCING, "operator alice: wind down");
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertname()).isEqualTo("BotReducing");
            assertThat(a.getSeverity()).isEqualTo(Severity.WARNING);
        });
        driver.riskState(T + 5_000, TradingState.HALTED, "auto-halt: daily loss 520 > 500");
        Map<String, Alert> latest = driver.latestByKey();
        assertThat(latest.get(BOT + "|BotReducing").getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(latest.get(BOT + "|BotHalted").getState()).isEqualTo(AlertState.FIRING);
        assertThat(latest.get(BOT + "|BotHalted").getDescription()).contains("auto-halt: daily loss 520 > 500");
    }

    @Test
    @DisplayName("paused entries fire BotEntriesPaused naming the operator's command, or the advisor; resumed entries resolve it")
    void entriesPaused() {
        driver.operator(T, CommandType.PAUSE_ENTRIES, "alice", "news at 14:30");
        driver.riskState(T + 10, TradingState.ACTIVE, null, true, false, List.of());
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertname()).isEqualTo("BotEntriesPaused");
            assertThat(a.getStartsAtMs()).isEqualTo(T);
            assertThat(a.getDescription()).contains("Paused by alice: news at 14:30");
            assertThat(a.getLabels()).containsEntry("paused_by", "operator");
            assertThat(a.getCommand()).startsWith("./supervisor control resume-entries --bot bot-1");
        });
        driver.riskState(T + 20_000, TradingState.ACTIVE, null, false, false, List.of());
        assertThat(driver.alerts()).singleElement().satisfies(a -> assertThat(a.getState()).isEqualTo(AlertState.RESOLVED));

        driver.operator(T + 30_000, CommandType.PAUSE_ENTRIES, "advisor:gpt", "LLM advice: volatility");
        driver.riskState(T + 30_010, TradingState.ACTIVE, null, true, true, List.of());
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getDescription()).contains("LLM advisor", "advisor:gpt: LLM advice: volatility");
            assertThat(a.getLabels()).containsEntry("paused_by", "advisor");
        });
    }

    @Test
    @DisplayName("an agent reporting FAILED fires BotFailed with restarts and exit code; RUNNING resolves it, STOPPED does not")
    void failedUntilRunning() {
        driver.processState(T, ProcessState.FAILED, 5);
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertname()).isEqualTo("BotFailed");
            assertThat(a.getService()).isEqualTo("process-agent");
            assertThat(a.getDescription()).contains("agent-1", "after 5 restarts", "exit code 3", "start limit hit");
            assertThat(a.getCommand()).startsWith("./supervisor control start --bot bot-1");
        });
        driver.processState(T + 1_000, ProcessState.FAILED, 5).processState(T + 2_000, ProcessState.STOPPED, 5);
        assertThat(driver.alerts()).isEmpty();
        driver.processState(T + 60_000, ProcessState.RUNNING, 0);
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getEndsAtMs()).isEqualTo(T + 60_000);
        });
    }

    @Test
    @DisplayName("a CRASH_LOOP event fires BotCrashLoop; an operator START resolves it, naming who and why")
    void crashLoopUntilStarted() {
        driver.event(T, EventType.CRASH_LOOP, "crash loop: 5 agent restarts within 600000 ms (limit 5): halting trading", null,
                Map.of("restart_count", "5", "restarts_in_window", "5", "max_restarts", "5", "agent_id", "agent-1"));
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertname()).isEqualTo("BotCrashLoop");
            assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.getDescription()).contains("5 agent restarts", "limit 5", "agent-1");
        });
        driver.operator(T + 1_000, CommandType.PAUSE_ENTRIES, "alice", "while we look");
        assertThat(driver.alerts()).isEmpty();
        driver.operator(T + 120_000, CommandType.START, "alice", "fixed the config");
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getDescription()).contains("START by alice: fixed the config");
        });
    }

    @Test
    @DisplayName("HEARTBEAT_STALE fires BotHeartbeatStale with the age; HEARTBEAT_RESUMED resolves it")
    void staleUntilFresh() {
        driver.event(T, EventType.HEARTBEAT_STALE, "no heartbeat for 31000 ms (stale after 30000 ms)", null,
                Map.of("heartbeat_age_ms", "31000", "stale_after_ms", "30000", "last_heartbeat_ts_ms", Long.toString(T - 31_000)));
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertname()).isEqualTo("BotHeartbeatStale");
            assertThat(a.getSummary()).contains("31 s");
        });
        driver.event(T + 5_000, EventType.HEARTBEAT_STALE, "again", null, Map.of());
        assertThat(driver.alerts()).isEmpty();
        driver.event(T + 40_000, EventType.HEARTBEAT_RESUMED, "heartbeat resumed after 71000 ms of silence", null, Map.of());
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getEndsAtMs()).isEqualTo(T + 40_000);
        });
    }

    @Test
    @DisplayName("a POSITION_MISMATCH fires per symbol until the risk book holds the reported quantity")
    void positionMismatchUntilBooksAgree() {
        driver.riskState(T - 1_000, TradingState.ACTIVE, null, false, false, List.of(position("BTCUSDT", 0.5)));
        driver.alerts();
        driver.event(T, EventType.POSITION_MISMATCH, "BTCUSDT: bot reports 0.7, fills give 0.5 (TRUST_FILLS)", "BTCUSDT",
                Map.of("reported_qty", "0.7", "computed_qty", "0.5"));
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertKey()).isEqualTo(BOT + "|PositionMismatch|BTCUSDT");
            assertThat(a.getLabels()).containsEntry("symbol", "BTCUSDT");
            assertThat(a.getDescription()).contains("bot reports 0.7, fills give 0.5");
        });
        driver.riskState(T + 1_000, TradingState.ACTIVE, null, false, false, List.of(position("BTCUSDT", 0.5)));
        assertThat(driver.alerts()).isEmpty();
        driver.riskState(T + 2_000, TradingState.ACTIVE, null, false, false, List.of(position("BTCUSDT", 0.7)));
        assertThat(driver.alerts()).singleElement().satisfies(a -> assertThat(a.getState()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    @DisplayName("a mismatch the risk book already took over (a risk state at or after it agrees) fires nothing")
    void positionMismatchAlreadyReconciled() {
        driver.riskState(T, TradingState.ACTIVE, null, false, false, List.of(position("ETHUSDT", 2.0)));
        driver.alerts();
        driver.event(T, EventType.POSITION_MISMATCH, "ETHUSDT: bot reports 2.0, fills give 1.0 (TRUST_HEARTBEAT)", "ETHUSDT",
                Map.of("reported_qty", "2.0", "computed_qty", "1.0"));
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    @DisplayName("the advisor's UNAVAILABLE alert fires AdvisorUnavailable, AVAILABLE resolves it; an answer to one llm-check does not count")
    void advisorBreaker() {
        driver.event(T, EventType.ALERT, "LLM check failed (timeout)", null, Map.of("state", "UNAVAILABLE", "kind", "timeout",
                "requested_by", "alice"));
        assertThat(driver.alerts()).isEmpty();
        driver.event(T + 1, EventType.ALERT, "LLM advisor unavailable (breaker_open)", null,
                Map.of("state", "UNAVAILABLE", "kind", "breaker_open", "model", "gpt"));
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getAlertname()).isEqualTo("AdvisorUnavailable");
            assertThat(a.getSummary()).contains("breaker_open");
        });
        driver.event(T + 600_000, EventType.ALERT, "LLM advisor available again after 3 failed rounds", null,
                Map.of("state", "AVAILABLE", "failed_rounds", "3"));
        assertThat(driver.alerts()).singleElement().satisfies(a -> assertThat(a.getState()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    @DisplayName("retiring a bot (its risk state deleted) resolves every alert of it")
    void retiredBotResolvesAll() {
        driver.riskState(T, TradingState.HALTED, "operator alice: decommission");
        driver.processState(T + 1, ProcessState.FAILED, 5);
        assertThat(driver.alerts()).hasSize(2);
        driver.retired(T + 60_000);
        assertThat(driver.alerts()).hasSize(2).allSatisfy(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.getEndsAtMs()).isEqualTo(T + 60_000);
            assertThat(a.getDescription()).endsWith("bot bot-1 retired");
        });
        driver.retired(T + 61_000);
        assertThat(driver.alerts()).isEmpty();
    }

    @Test
    @DisplayName("dead letters fire one DeadLetters alert per service that gave up, resolved after the quiet period with the count")
    void deadLettersPerServiceUntilQuiet() {
        long now = driver.wallClockStartMs();
        driver.deadLetter(BOT, now, "tsdb-sink", "BAD_HEADER", "qe.heartbeats.v1");
        driver.deadLetter("bot-2", now + 1_000, "tsdb-sink", "CORRUPT_BODY", "qe.executions.v1");
        driver.deadLetter(null, now + 2_000, "risk-stream", "BAD_HEADER", "qe.order-requests.v1");
        Map<String, Alert> fired = driver.latestByKey();
        assertThat(fired).containsOnlyKeys("*|DeadLetters|tsdb-sink", "*|DeadLetters|risk-stream");
        assertThat(fired.get("*|DeadLetters|tsdb-sink")).satisfies(a -> {
            assertThat(a.getBotId()).isEqualTo("*");
            assertThat(a.getService()).isEqualTo("tsdb-sink");
            assertThat(a.getLabels()).containsEntry("failed_by", "tsdb-sink");
            assertThat(a.getDescription()).contains("BAD_HEADER on qe.heartbeats.v1");
        });

        driver.advanceWallClock(AlertsDriver.QUIET.minusSeconds(30));
        assertThat(driver.alerts()).isEmpty();
        driver.advanceWallClock(Duration.ofMinutes(1));
        Map<String, Alert> resolved = driver.latestByKey();
        assertThat(resolved.values()).allMatch(a -> a.getState() == AlertState.RESOLVED);
        assertThat(resolved.get("*|DeadLetters|tsdb-sink").getDescription()).contains("2 records dead-lettered");
        assertThat(resolved.get("*|DeadLetters|tsdb-sink").getEndsAtMs()).isEqualTo(now + 1_000 + AlertsDriver.QUIET.toMillis());

        driver.deadLetter(BOT, now + 600_000, "tsdb-sink", "BAD_HEADER", "qe.heartbeats.v1");
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.getState()).isEqualTo(AlertState.FIRING);
            assertThat(a.getStartsAtMs()).isEqualTo(now + 600_000);
        });
    }
}
