package com.quantumedge.supervisor.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.ProcessState;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * What a fuzz run left behind (risk state that operator commands for {@code NaN}, {@code Infinity}, {@code 1e999},
 * {@code -0} created, their snapshots, an agent's rejections, heartbeats for bad ids) shows in no view.
 * Each phantom record is followed on the same partition by one of a real bot, so once the real bot shows,
 * the phantom record has been read.
 */
class PhantomBotsTest {

    private static final List<String> PHANTOMS = List.of("NaN", "Infinity", "1e999", "-0");
    private static final String REAL = SharedKafkaBroker.uniqueName("real");
    private final RunningGateway gateway = SharedGateway.get();

    @BeforeAll
    static void leaveFuzzRunBehind() {
        RunningGateway gateway = SharedGateway.get();
        long now = System.currentTimeMillis();
        for (String phantom : PHANTOMS) {
            Http.postJson(gateway.url("/api/v1/control/halt"), gateway.token("operator"), "{\"bot_id\":\"" + phantom + "\",\"reason\":\"fuzz\"}");
            Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(SharedGateway.BAD_INPUT_BOT), "{\"bot_id\":\"" + phantom + "\"}");
            TopicRecords.writeToPartition(Topics.RISK_STATE, 0, phantom, RiskState.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setBotId(phantom).setTsMs(now).setTradingState(TradingState.HALTED).setStateReason("operator: fuzz").build());
            TopicRecords.writeToPartition(Topics.SNAPSHOTS, 0, phantom, Snapshot.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setBotId(phantom).setTsMs(now).setTradingState(TradingState.HALTED).build());
            TopicRecords.writeToPartition(Topics.AGENT_STATUS, 0, phantom, AgentStatus.newBuilder().setEventId(UUID.randomUUID().toString())
                    .setBotId(phantom).setTsMs(now).setAgentId("agent-1").setKind(AgentStatusKind.COMMAND_ACK).setAck(AckStatus.REJECTED)
                    .setMessage("bot " + phantom + " is not managed by agent agent-1").build());
        }
        Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(SharedGateway.BAD_INPUT_BOT), "{\"bot_id\":1e999}");
        TopicRecords.writeToPartition(Topics.RISK_STATE, 0, REAL, RiskState.newBuilder().setEventId(UUID.randomUUID().toString())
                .setBotId(REAL).setTsMs(now).setTradingState(TradingState.ACTIVE).setLastHeartbeatTsMs(now).build());
        TopicRecords.writeToPartition(Topics.SNAPSHOTS, 0, REAL, Snapshot.newBuilder().setEventId(UUID.randomUUID().toString())
                .setBotId(REAL).setTsMs(now).setTradingState(TradingState.ACTIVE).build());
        TopicRecords.writeToPartition(Topics.AGENT_STATUS, 0, REAL, AgentStatus.newBuilder().setEventId(UUID.randomUUID().toString())
                .setBotId(REAL).setTsMs(now).setAgentId("agent-1").setKind(AgentStatusKind.PROCESS_STATE)
                .setProcessState(ProcessState.RUNNING).build());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Http.Response bot = Http.get(gateway.url("/api/v1/bots/" + REAL), gateway.token("viewer"));
            return bot.status() == 200 && "RUNNING".equals(bot.json().get("process_state").asString())
                    && Http.get(gateway.url("/api/v1/supervisor/snapshot?bot_id=" + REAL), gateway.token("viewer")).status() == 200;
        });
    }

    @Test
    @DisplayName("status, overview and health list the real bot and none of the phantoms")
    void listsShowNoPhantom() {
        for (String path : List.of("/api/v1/status", "/api/v1/dashboard/overview", "/api/v1/dashboard/health")) {
            List<String> ids = Http.get(gateway.url(path), gateway.token("viewer")).json().get("bots").valueStream()
                    .map(b -> b.get("bot_id").asString()).toList();
            assertThat(ids).as(path).contains(REAL).doesNotContainAnyElementsOf(PHANTOMS);
        }
    }

    @Test
    @DisplayName("the snapshot list holds no phantom's snapshot")
    void snapshotsShowNoPhantom() {
        List<String> ids = Http.get(gateway.url("/api/v1/supervisor/snapshot"), gateway.token("viewer")).json().get("snapshots")
                .valueStream().map(s -> s.get("bot_id").asString()).toList();

        assertThat(ids).contains(REAL).doesNotContainAnyElementsOf(PHANTOMS);
    }

    @Test
    @DisplayName("a phantom asked for by id is 404 (400 when outside the bot-id grammar), as bot, as status and as snapshot")
    void phantomByIdIsNotFound() {
        // Not found, or (for ids outside the bot-id grammar, such as "-0") refused: never a bot.
        for (String phantom : PHANTOMS) {
            for (String path : List.of("/api/v1/bots/" + phantom, "/api/v1/status?bot_id=" + phantom,
                    "/api/v1/supervisor/snapshot?bot_id=" + phantom)) {
                assertThat(Http.get(gateway.url(path), gateway.token("viewer")).status()).as(path).isIn(400, 404);
            }
        }
    }
}
