package com.quantumedge.supervisor.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.AckStatus;
import com.quantumedge.supervisor.avro.AgentStatus;
import com.quantumedge.supervisor.avro.AgentStatusKind;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.PositionState;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.avro.RiskState;
import com.quantumedge.supervisor.avro.Snapshot;
import com.quantumedge.supervisor.avro.TradingState;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.schemas.TopicSpec;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Which records make a bot exist for the views; no broker is contacted (the consumer is never started). */
class KnownBotsTest {

    private final LiveViews views = new LiveViews(new GatewayProperties.Views(1000, 500, Duration.ofSeconds(30),
            Duration.ofMillis(200)), new SimpleMeterRegistry());
    private long offset;

    private record Evidence(String name, TopicSpec<?> topic, SpecificRecord value, boolean makesABot) {
    }

    @Test
    @DisplayName("a heartbeat, a heartbeat or position in the risk state, an own limits record or an agent managing it make a bot; "
            + "a risk state from operator commands, an agent's rejection or a snapshot do not")
    void evidenceOfABot() {
        List<Evidence> table = List.of(
                new Evidence("heartbeat", Topics.HEARTBEATS, heartbeat("hb"), true),
                new Evidence("risk state with a heartbeat", Topics.RISK_STATE, riskState("rs-hb", 1L, false), true),
                new Evidence("risk state with a position", Topics.RISK_STATE, riskState("rs-pos", null, true), true),
                new Evidence("own risk limits", Topics.RISK_LIMITS, limits("lim"), true),
                new Evidence("agent heartbeat", Topics.AGENT_STATUS, agent("agent-hb", AgentStatusKind.AGENT_HEARTBEAT, null), true),
                new Evidence("agent process state", Topics.AGENT_STATUS, agent("agent-ps", AgentStatusKind.PROCESS_STATE, null), true),
                new Evidence("agent acknowledged a command", Topics.AGENT_STATUS, agent("agent-ack", AgentStatusKind.COMMAND_ACK, AckStatus.DONE), true),
                new Evidence("risk state only from operator commands", Topics.RISK_STATE, riskState("NaN", null, false), false),
                new Evidence("agent rejected a command for a bot it does not manage", Topics.AGENT_STATUS,
                        agent("Infinity", AgentStatusKind.COMMAND_ACK, AckStatus.REJECTED), false),
                new Evidence("snapshot", Topics.SNAPSHOTS, snapshot("1e999"), false),
                new Evidence("the defaults limits record", Topics.RISK_LIMITS, limits("*"), false));
        List<String> wrong = new ArrayList<>();
        for (Evidence e : table) {
            views.apply(record(e.topic(), botOf(e.value()), encode(e.topic(), e.value())));
            if (views.isKnown(botOf(e.value())) != e.makesABot() || views.botIds().contains(botOf(e.value())) != e.makesABot()) {
                wrong.add(e.name());
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(views.snapshots()).isEmpty();
    }

    @Test
    @DisplayName("a tombstone on the risk state and the limits forgets that evidence: a retired bot leaves the views")
    void tombstonesForget() {
        views.apply(record(Topics.RISK_STATE, "old", encode(Topics.RISK_STATE, riskState("old", 1L, true))));
        views.apply(record(Topics.RISK_LIMITS, "old", encode(Topics.RISK_LIMITS, limits("old"))));
        assertThat(views.isKnown("old")).isTrue();

        views.apply(record(Topics.RISK_STATE, "old", null));
        assertThat(views.isKnown("old")).as("still has its own limits").isTrue();
        views.apply(record(Topics.RISK_LIMITS, "old", null));

        assertThat(views.isKnown("old")).isFalse();
        assertThat(views.riskState("old")).isEmpty();
    }

    @Test
    @DisplayName("a risk state tombstone (RETIRE) forgets the bot's heartbeat, snapshot and agent status up to then; "
            + "older ones read later are ignored, newer ones bring it back")
    void retirementForgetsEarlierEvidence() {
        views.apply(at(Topics.HEARTBEATS, "gone", 100, encode(Topics.HEARTBEATS, heartbeat("gone"))));
        views.apply(at(Topics.AGENT_STATUS, "gone", 100, encode(Topics.AGENT_STATUS, agent("gone", AgentStatusKind.AGENT_HEARTBEAT, null))));
        views.apply(at(Topics.SNAPSHOTS, "gone", 100, encode(Topics.SNAPSHOTS, snapshot("gone"))));
        assertThat(views.isKnown("gone")).isTrue();

        views.apply(at(Topics.RISK_STATE, "gone", 200, null));
        assertThat(views.isKnown("gone")).isFalse();
        assertThat(views.snapshot("gone")).isEmpty();
        assertThat(views.processStatus("gone")).isEmpty();

        views.apply(at(Topics.HEARTBEATS, "gone", 150, encode(Topics.HEARTBEATS, heartbeat("gone"))));
        assertThat(views.isKnown("gone")).as("a heartbeat from before the retirement").isFalse();

        views.apply(at(Topics.AGENT_STATUS, "gone", 300, encode(Topics.AGENT_STATUS, agent("gone", AgentStatusKind.AGENT_HEARTBEAT, null))));
        assertThat(views.isKnown("gone")).as("an agent still running it after the retirement").isTrue();
    }

    @Test
    @DisplayName("a bot an agent manages stays known when the agent later rejects a command for it")
    void rejectionDoesNotForgetAManagedBot() {
        views.apply(record(Topics.AGENT_STATUS, "b", encode(Topics.AGENT_STATUS, agent("b", AgentStatusKind.PROCESS_STATE, null))));
        views.apply(record(Topics.AGENT_STATUS, "b", encode(Topics.AGENT_STATUS, agent("b", AgentStatusKind.COMMAND_ACK, AckStatus.REJECTED))));

        assertThat(views.isKnown("b")).isTrue();
    }

    @Test
    @DisplayName("views that never reached the broker have not caught up")
    void notCaughtUpBeforeReading() {
        assertThat(views.caughtUp()).isFalse();
    }

    private static String botOf(SpecificRecord r) {
        return r.get(r.getSchema().getField("bot_id").pos()).toString();
    }

    @SuppressWarnings("unchecked")
    private static <V> byte[] encode(TopicSpec<V> topic, Object value) {
        return topic.valueSerde().serializer().serialize(topic.name(), (V) value);
    }

    private ConsumerRecord<byte[], byte[]> record(TopicSpec<?> topic, String key, byte[] value) {
        return new ConsumerRecord<>(topic.name(), 0, offset++, key.getBytes(StandardCharsets.UTF_8), value);
    }

    private ConsumerRecord<byte[], byte[]> at(TopicSpec<?> topic, String key, long timestamp, byte[] value) {
        return new ConsumerRecord<>(topic.name(), 0, offset++, timestamp, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                key.length(), value == null ? -1 : value.length, key.getBytes(StandardCharsets.UTF_8), value,
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }

    private static Heartbeat heartbeat(String bot) {
        return Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(1).build();
    }

    private static RiskState riskState(String bot, Long lastHeartbeat, boolean position) {
        return RiskState.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(1)
                .setTradingState(TradingState.HALTED).setLastHeartbeatTsMs(lastHeartbeat)
                .setPositions(position ? List.of(PositionState.newBuilder().setSymbol("BTCUSDT").setQty(1).build()) : List.of())
                .build();
    }

    private static RiskLimits limits(String bot) {
        return RiskLimits.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(1).setVersion(1L)
                .setUpdatedBy("test").build();
    }

    private static AgentStatus agent(String bot, AgentStatusKind kind, AckStatus ack) {
        return AgentStatus.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(1).setAgentId("agent-1")
                .setKind(kind).setAck(ack).build();
    }

    private static Snapshot snapshot(String bot) {
        return Snapshot.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(1)
                .setTradingState(TradingState.ACTIVE).build();
    }
}
