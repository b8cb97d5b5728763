package com.quantumedge.supervisor.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.AlertState;
import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.SupervisorEvent;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.dlq.DeadLetter;

import tools.jackson.databind.JsonNode;

/** Status and dashboard endpoints show real values materialized from the supervisor topics. */
class LiveViewsEndpointTest {

    private static final String BOT = SharedKafkaBroker.uniqueName("bot");
    private static final long NOW = System.currentTimeMillis();
    private final RunningGateway gateway = SharedGateway.get();

    @BeforeAll
    static void publishState() {
        SharedGateway.get();
        TopicRecords.write(Topics.RISK_STATE, BOT, RiskState.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(NOW).setSequence(7)
                .setTradingState(TradingState.HALTED).setStateReason("daily loss limit")
                .setEquity(9800.0).setRealizedPnlToday(-150.0).setUnrealizedPnl(-50.0).setDrawdownPct(2.0)
                .setGrossExposure(4825.0).setNetExposure(-4825.0).setLastHeartbeatTsMs(NOW)
                .setPositions(List.of(PositionState.newBuilder().setSymbol("BTCUSDT").setQty(-0.05).setAvgPrice(96000)
                        .setMarkPrice(96500.0).setExposure(4825).build()))
                .build());
        TopicRecords.write(Topics.AGENT_STATUS, BOT, AgentStatus.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(NOW).setAgentId("agent-1")
                .setKind(AgentStatusKind.PROCESS_STATE).setProcessState(ProcessState.RUNNING).setPid(4242L).setRestartCount(1)
                .build());
        TopicRecords.write(Topics.SNAPSHOTS, BOT, Snapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(NOW).setTradingState(TradingState.HALTED)
                .setProcessState(ProcessState.RUNNING).setRealizedPnlToday(-150).setUnrealizedPnl(-50).setOpenOrders(3)
                .setOpenAlerts(List.of("DAILY_LOSS")).build());
        TopicRecords.write(Topics.ALERTS, BOT + "|BotHalted", alert("BotHalted", AlertState.FIRING, Severity.CRITICAL,
                "Trading of " + BOT + " is HALTED: no new orders are allowed"));
        TopicRecords.write(Topics.ALERTS, BOT + "|BotEntriesPaused", alert("BotEntriesPaused", AlertState.FIRING, Severity.WARNING,
                "New entries of " + BOT + " are paused"));
        TopicRecords.write(Topics.ALERTS, BOT + "|BotEntriesPaused", alert("BotEntriesPaused", AlertState.RESOLVED, Severity.WARNING,
                "New entries of " + BOT + " are paused"));
        for (int i = 0; i < 3; i++) {
            TopicRecords.write(Topics.EVENTS, BOT, SupervisorEvent.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(NOW + i)
                    .setEventType(i == 2 ? EventType.TRADING_STATE_CHANGED : EventType.RISK_BREACH)
                    .setSeverity(Severity.CRITICAL).setSource("risk-stream").setMessage("event " + i).setSymbol("BTCUSDT")
                    .setAttributes(Map.of("limit", "100")).build());
        }
    }

    private static Alert alert(String name, AlertState state, Severity severity, String summary) {
        return Alert.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(BOT).setTsMs(NOW).setAlertKey(BOT + "|" + name)
                .setAlertname(name).setSeverity(severity).setService("risk-stream").setState(state).setStartsAtMs(NOW - 60_000)
                .setEndsAtMs(state == AlertState.RESOLVED ? NOW : null).setSummary(summary)
                .setDescription("HALTED since then by operator alice: daily loss limit").setCommand("./supervisor control resume --bot " + BOT)
                .build();
    }

    private JsonNode awaitBot() {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.get(gateway.url("/api/v1/status?bot_id=" + BOT), gateway.token("viewer")).json(),
                json -> json.has("process_state") && "RUNNING".equals(json.get("process_state").asString())
                        && "HALTED".equals(json.get("trading_state").asString()));
    }

    @Test
    @DisplayName("status shows the risk engine's state, PnL realized plus unrealized, positions and the process state")
    void statusShowsRealValues() {
        JsonNode bot = awaitBot();

        assertThat(bot.get("halted").asBoolean()).isTrue();
        assertThat(bot.get("state_reason").asString()).isEqualTo("daily loss limit");
        assertThat(bot.get("total_pnl").asDouble()).isEqualTo(-200.0);
        assertThat(bot.get("pid").asLong()).isEqualTo(4242);
        assertThat(bot.get("positions").get(0).get("symbol").asString()).isEqualTo("BTCUSDT");
        assertThat(bot.get("gross_exposure").asDouble()).isEqualTo(4825.0);
        assertThat(bot.get("heartbeat_age_ms").isNumber()).isTrue();
    }

    @Test
    @DisplayName("the bot's status and /bots/{id} carry its firing alerts (name, severity, summary, since); a resolved one is gone")
    void statusCarriesFiringAlerts() {
        JsonNode alerts = await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.get(gateway.url("/api/v1/bots/" + BOT), gateway.token("viewer")).json().get("alerts"), a -> a.size() == 1);

        assertThat(alerts.get(0).get("alertname").asString()).isEqualTo("BotHalted");
        assertThat(alerts.get(0).get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alerts.get(0).get("summary").asString()).isEqualTo("Trading of " + BOT + " is HALTED: no new orders are allowed");
        assertThat(alerts.get(0).get("since").asString()).isEqualTo(java.time.Instant.ofEpochMilli(NOW - 60_000).toString());
        JsonNode fleet = Http.get(gateway.url("/api/v1/dashboard/overview"), gateway.token("viewer")).json();
        assertThat(fleet.get("bots").valueStream().filter(b -> b.get("bot_id").asString().equals(BOT)).findFirst().orElseThrow()
                .get("alerts").toString()).contains("BotHalted").doesNotContain("BotEntriesPaused");
    }

    @Test
    @DisplayName("GET /api/v1/alerts lists the firing alerts whole, for an operator too, and ?bot_id= only that bot's")
    void alertsEndpoint() {
        JsonNode alerts = await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.get(gateway.url("/api/v1/alerts?bot_id=" + BOT), gateway.token("operator")).json().get("alerts"),
                a -> a.size() == 1);

        JsonNode halted = alerts.get(0);
        assertThat(halted.get("bot_id").asString()).isEqualTo(BOT);
        assertThat(halted.get("alertname").asString()).isEqualTo("BotHalted");
        assertThat(halted.get("service").asString()).isEqualTo("risk-stream");
        assertThat(halted.get("description").asString()).contains("by operator alice: daily loss limit");
        assertThat(halted.get("command").asString()).isEqualTo("./supervisor control resume --bot " + BOT);
        assertThat(halted.get("alert_key").asString()).isEqualTo(BOT + "|BotHalted");
        assertThat(Http.get(gateway.url("/api/v1/alerts"), gateway.token("viewer")).json().get("alerts").valueStream()
                .filter(a -> a.get("bot_id").asString().equals(BOT)).map(a -> a.get("alertname").asString())).containsExactly("BotHalted");
        assertThat(Http.get(gateway.url("/api/v1/alerts?bot_id=nobody-" + UUID.randomUUID()), gateway.token("viewer")).json()
                .get("alerts").size()).isZero();
    }

    @Test
    @DisplayName("/bots/{id} answers the same view and 404 for an unknown bot")
    void botById() {
        awaitBot();

        assertThat(Http.get(gateway.url("/api/v1/bots/" + BOT), gateway.token("viewer")).json().get("equity").asDouble()).isEqualTo(9800.0);
        assertThat(Http.get(gateway.url("/api/v1/bots/nobody-" + UUID.randomUUID()), gateway.token("viewer")).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("the overview sums PnL and counts open positions across bots")
    void overviewSums() {
        awaitBot();
        JsonNode overview = Http.get(gateway.url("/api/v1/dashboard/overview"), gateway.token("viewer")).json();

        assertThat(overview.get("open_positions").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overview.get("bots").valueStream().anyMatch(b -> b.get("bot_id").asString().equals(BOT))).isTrue();
    }

    @Test
    @DisplayName("dashboard health reports a halted bot as a critical issue")
    void healthReportsHalt() {
        awaitBot();
        JsonNode health = Http.get(gateway.url("/api/v1/dashboard/health"), gateway.token("viewer")).json();

        assertThat(health.get("status").asString()).isEqualTo("critical");
        assertThat(health.get("issues").toString()).contains(BOT + ": trading halted");
    }

    @Test
    @DisplayName("the latest snapshot of a bot is served")
    void snapshotServed() {
        JsonNode snapshot = await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.get(gateway.url("/api/v1/supervisor/snapshot?bot_id=" + BOT), gateway.token("viewer")),
                r -> r.status() == 200).json();

        assertThat(snapshot.get("open_orders").asInt()).isEqualTo(3);
        assertThat(snapshot.get("open_alerts").get(0).asString()).isEqualTo("DAILY_LOSS");
    }

    @Test
    @DisplayName("recent events are newest first, limited and filtered by type")
    void eventsFilteredAndLimited() {
        JsonNode events = await().atMost(Duration.ofSeconds(30)).until(
                () -> Http.get(gateway.url("/api/v1/dashboard/events?limit=2&types=RISK_BREACH&bot_id=" + BOT), gateway.token("viewer")).json()
                        .get("events"),
                e -> e.size() == 2);

        assertThat(events.get(0).get("message").asString()).isEqualTo("event 1");
        assertThat(events.get(1).get("message").asString()).isEqualTo("event 0");
        assertThat(events.get(0).get("details").get("limit").asString()).isEqualTo("100");
    }

    @Test
    @DisplayName("tsdb status says honestly that no ClickHouse is configured")
    void tsdbStatusHonest() {
        JsonNode status = Http.get(gateway.url("/api/v1/tsdb/status"), gateway.token("viewer")).json();

        assertThat(status.get("enabled").asBoolean()).isFalse();
        assertThat(status.get("reason").asString()).contains("ClickHouse");
    }

    @Test
    @DisplayName("an undecodable record on a viewed topic goes to the DLQ with its reason and the views keep working")
    void undecodableRecordGoesToDlq() {
        String poisonBot = SharedKafkaBroker.uniqueName("poison");
        TopicRecords.writeRaw(Topics.RISK_STATE.name(), poisonBot, "not avro".getBytes());

        List<byte[]> dlq = TopicRecords.read(Topics.DLQ, poisonBot, l -> !l.isEmpty(), Duration.ofSeconds(30));
        assertThat(dlq).isNotEmpty();
        assertThat(new String(dlq.get(0))).isEqualTo("not avro");
        awaitBot();
    }
}
