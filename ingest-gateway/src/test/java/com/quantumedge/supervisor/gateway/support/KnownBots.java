package com.quantumedge.supervisor.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

/** Makes a bot exist for the gateway the ways a real one does, and waits until the gateway's views know it. */
public final class KnownBots {

    private KnownBots() {
    }

    /** A new bot id that a process agent reports it manages (an agent heartbeat), known to the gateway on return. */
    public static String managedByAgent(RunningGateway gateway) {
        String bot = SharedKafkaBroker.uniqueName("bot");
        writeAgentHeartbeat(bot);
        return awaitKnown(gateway, bot);
    }

    public static void writeAgentHeartbeat(String bot) {
        TopicRecords.write(Topics.AGENT_STATUS, bot, AgentStatus.newBuilder().setEventId(UUID.randomUUID().toString())
                .setBotId(bot).setTsMs(System.currentTimeMillis()).setAgentId("agent-test").setKind(AgentStatusKind.AGENT_HEARTBEAT)
                .build());
    }

    public static void writeHeartbeat(String bot) {
        TopicRecords.write(Topics.HEARTBEATS, bot, Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString())
                .setBotId(bot).setTsMs(System.currentTimeMillis()).setReceivedTsMs(System.currentTimeMillis()).build());
    }

    public static void writeOwnLimits(String bot) {
        TopicRecords.write(Topics.RISK_LIMITS, bot, RiskLimits.newBuilder().setEventId(UUID.randomUUID().toString())
                .setBotId(bot).setTsMs(System.currentTimeMillis()).setVersion(1L).setUpdatedBy("test").setMaxOrderQty(5.0).build());
    }

    public static String awaitKnown(RunningGateway gateway, String bot) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> Http.get(gateway.url("/api/v1/bots/" + bot), gateway.token("viewer")).status() == 200);
        return bot;
    }
}
