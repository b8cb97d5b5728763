package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.clickhouse.ClickHouse;
import com.quantumedge.supervisor.clickhouse.testing.SharedClickHouse;
import com.quantumedge.supervisor.gateway.GatewayApplication;
import com.quantumedge.supervisor.gateway.security.DevTokens;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;

/**
 * {@code ./supervisor import-legacy} over the sample history in {@code src/test/resources/legacy-supervisor}
 * (its README lists every line and what it becomes), into a real ClickHouse; then {@code ./supervisor audit}
 * of the imported day through a real gateway.
 */
class ImportLegacyCommandTest {

    private static final String BOT = "quantumedge";

    private static ClickHouse ch;
    private static String db;
    private static Path sample;
    private static CliRun first;
    private static SpringService gateway;

    @BeforeAll
    static void importOnce() throws URISyntaxException {
        ch = SharedClickHouse.client();
        db = SharedClickHouse.uniqueDatabase();
        sample = legacyLayout(Path.of(ImportLegacyCommandTest.class.getResource("/legacy-supervisor").toURI()));
        first = importLegacy();
    }

    /**
     * The sample as the original supervisor left it on disk, {@code logs/events/events_<day>.jsonl} and
     * {@code logs/snapshots/snapshots_<day>.jsonl}, under target/ (the repository keeps the files as
     * {@code *.sample}, so no log file is tracked).
     */
    private static Path legacyLayout(Path resources) {
        Path dir = Path.of("target", "legacy-supervisor-" + UUID.randomUUID()).toAbsolutePath();
        try {
            for (String kind : List.of("events", "snapshots")) {
                Path logs = Files.createDirectories(dir.resolve("logs").resolve(kind));
                Files.copy(resources.resolve(kind + "_2026-11-30.sample"), logs.resolve(kind + "_2026-11-30.jsonl"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @DisplayName("every legacy line lands in the table of its type: decisions, fills, our event types, UNKNOWN with its legacy type kept")
    void rowsPerType() {
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(count("order_decisions")).isEqualTo(3);
        assertThat(count("executions")).isEqualTo(3);
        assertThat(count("events")).isEqualTo(10);
        assertThat(count("snapshots")).isEqualTo(3);
        assertThat(rows("SELECT event_type, count() FROM %s.events FINAL GROUP BY event_type ORDER BY event_type"))
                .containsExactly(List.of("BOT_EXITED", "1"), List.of("BOT_STARTED", "1"), List.of("RESTART_REQUESTED", "1"),
                        List.of("RISK_BREACH", "1"), List.of("TRADING_STATE_CHANGED", "1"), List.of("UNKNOWN", "5"));
        assertThat(rows("SELECT code, `check` FROM %s.order_decisions FINAL ORDER BY ts_ms"))
                .containsExactly(List.of("OK", "legacy:OK"), List.of("NOTIONAL_EXCEEDS_MAX", "legacy:MAX_NOTIONAL"),
                        List.of("UNKNOWN", "legacy:COOLDOWN"));
        assertThat(rows("SELECT exec_type, side, qty, price, fee FROM %s.executions FINAL ORDER BY ts_ms"))
                .containsExactly(List.of("FILL", "BUY", "0.5", "60000", "1.2"), List.of("FILL", "SELL", "0.5", "60600", "1.2"),
                        List.of("CANCEL", "BUY", "0.2", "\\N", "0"));
        assertThat(rows("SELECT visitParamExtractString(attributes, 'legacy_type') AS t, visitParamExtractString(attributes, 'model') "
                + "FROM %s.events FINAL WHERE event_type = 'UNKNOWN' ORDER BY ts_ms"))
                .as("what does not map keeps its legacy type and details in attributes")
                .containsExactly(List.of("LLM_CHECK", "gpt-4o-mini"), List.of("META_SUPERVISOR_RUN", ""), List.of("STRATEGY_UPDATE", ""),
                        List.of("SUPERVISOR_SNAPSHOT", ""), List.of("ORDER_RESULT", ""));
        assertThat(rows("SELECT trading_state, risk_multiplier, mode FROM %s.snapshots FINAL ORDER BY ts_ms"))
                .containsExactly(List.of("ACTIVE", "1", "normal"), List.of("HALTED", "0.5", "conservative"),
                        List.of("HALTED", "0.5", "conservative"));
        assertThat(first.output()).contains("rows inserted by table: {events=10, executions=3, order_decisions=3, snapshots=3}");
    }

    @Test
    @DisplayName("bad lines are counted and reported with file and line number, and the rest is imported")
    void badLinesReported() {
        assertThat(first.output()).contains("bad lines: 4")
                .containsPattern("events_2026-11-30\\.jsonl:15: not JSON")
                .containsPattern("events_2026-11-30\\.jsonl:16: no \"timestamp\"")
                .containsPattern("events_2026-11-30\\.jsonl:17: ORDER_DECISION without a side")
                .containsPattern("snapshots_2026-11-30\\.jsonl:3: not JSON");
    }

    @Test
    @DisplayName("a second import adds nothing: not one raw row, merged or not")
    void secondImportAddsNothing() {
        Map<String, Long> before = rawCounts();

        CliRun second = importLegacy();

        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("rows inserted by table: none")
                .contains("rows already present:   {events=10, executions=3, order_decisions=3, snapshots=3}");
        assertThat(rawCounts()).isEqualTo(before);
    }

    @Test
    @DisplayName("./supervisor audit over the imported day: fills, the closed trade's PnL after fees, decisions by code, the halt and the restart")
    void auditOfImportedDay() {
        gateway = SpringService.start("ingest-gateway", GatewayApplication.class, Map.of(
                "spring.kafka.bootstrap-servers", SharedKafkaBroker.bootstrapServers(),
                "server.port", 0,
                "supervisor.gateway.security.dev-mode", true,
                "supervisor.gateway.security.dev-bot-id", BOT,
                "supervisor.gateway.tsdb.clickhouse-url", SharedClickHouse.url(),
                "supervisor.gateway.tsdb.database", db));
        String viewer = gateway.context().getBean(DevTokens.class).viewerToken();

        CliRun audit = CliRun.of(new AuditCommand(), (c, out) -> c.out = out, List.of("--gateway", "http://127.0.0.1:" + gateway.port(),
                "--token", viewer, "--bot", BOT, "--date", "2026-11-30"));

        assertThat(audit.exit()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("# Audit report: quantumedge, 2026-11-30 (UTC)")
                .contains("| fills | 2 |")
                .contains("| closed trades | 1 |")
                .contains("| win rate | 100.0 % |")
                .contains("| realized PnL of closed trades (after fees) | 298.80 |")
                .contains("| fees | 2.40 |")
                .contains("| halts | 1 |")
                .contains("| restarts | 1 |")
                .contains("| NOTIONAL_EXCEEDS_MAX | 1 |")
                .contains("| UNKNOWN | 1 |");
    }

    private static CliRun importLegacy() {
        return CliRun.of(new ImportLegacyCommand(), (c, out) -> c.out = out, List.of(sample.toString(), "--bot", BOT,
                "--clickhouse-url", SharedClickHouse.url(), "--clickhouse-database", db));
    }

    private static long count(String table) {
        return ch.queryLong("SELECT count() FROM %s.%s FINAL".formatted(db, table));
    }

    private static Map<String, Long> rawCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : List.of("events", "executions", "order_decisions", "snapshots", "decisions_1m", "lifecycle_1d")) {
            counts.put(t, ch.queryLong("SELECT count() FROM %s.%s".formatted(db, t)));
        }
        return counts;
    }

    private static List<List<String>> rows(String sql) {
        return new ArrayList<>(ch.query(sql.formatted(db)));
    }
}
