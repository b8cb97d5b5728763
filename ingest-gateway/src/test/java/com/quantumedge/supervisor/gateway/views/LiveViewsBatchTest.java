package com.quantumedge.supervisor.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Alert;
import com.quantumedge.supervisor.avro.AlertState;
import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.gateway.config.GatewayProperties;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** How one poll's records reach the views; no broker is contacted (the consumer is never started). */
class LiveViewsBatchTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LiveViews views = new LiveViews(new GatewayProperties.Views(1000, 500, Duration.ofSeconds(30),
            Duration.ofMillis(200)), meters);
    private long offset;

    @Test
    @DisplayName("of a batch of heartbeats only each bot's last is decoded: an earlier undecodable one is superseded, not dead-lettered")
    void lastHeartbeatPerBotWins() {
        TopicPartition p0 = new TopicPartition(Topics.HEARTBEATS.name(), 0);
        TopicPartition p1 = new TopicPartition(Topics.HEARTBEATS.name(), 1);
        ConsumerRecords<byte[], byte[]> batch = new ConsumerRecords<>(Map.of(
                p0, List.of(raw(p0, "a", "not avro".getBytes(StandardCharsets.UTF_8)), heartbeat(p0, "a", 1, "1.0"),
                        heartbeat(p0, "a", 2, "2.0"), heartbeat(p0, "b", 5, "5.0")),
                p1, List.of(heartbeat(p1, "c", 7, "7.0"))), Map.of());

        views.applyAll(batch);

        assertThat(views.heartbeat("a")).get().extracting(Heartbeat::getVersion).isEqualTo("2.0");
        assertThat(views.heartbeat("b")).get().extracting(Heartbeat::getVersion).isEqualTo("5.0");
        assertThat(views.heartbeat("c")).get().extracting(Heartbeat::getVersion).isEqualTo("7.0");
        assertThat(meters.get("gateway.views.records").counter().count()).isEqualTo(3);
        assertThat(meters.get("gateway.dlq.records").counter().count()).isZero();
    }

    @Test
    @DisplayName("a later batch with an older bot timestamp does not replace the newer heartbeat")
    void olderHeartbeatInALaterBatchIsIgnored() {
        TopicPartition p0 = new TopicPartition(Topics.HEARTBEATS.name(), 0);
        views.applyAll(new ConsumerRecords<>(Map.of(p0, List.of(heartbeat(p0, "a", 10, "new"))), Map.of()));
        views.applyAll(new ConsumerRecords<>(Map.of(p0, List.of(heartbeat(p0, "a", 3, "old"))), Map.of()));

        assertThat(views.heartbeat("a")).get().extracting(Heartbeat::getVersion).isEqualTo("new");
    }

    @Test
    @DisplayName("an alert is firing from its FIRING record until a RESOLVED record or a tombstone of its key; per bot oldest first")
    void firingAlertsFollowTheCompactedTopic() {
        TopicPartition p0 = new TopicPartition(Topics.ALERTS.name(), 0);
        views.applyAll(new ConsumerRecords<>(Map.of(p0, List.of(
                alert(p0, "a", "BotHalted", AlertState.FIRING, 20), alert(p0, "a", "BotEntriesPaused", AlertState.FIRING, 10),
                alert(p0, "b", "BotFailed", AlertState.FIRING, 5), alert(p0, "*", "DeadLetters", AlertState.FIRING, 1))), Map.of()));

        assertThat(views.firingAlerts("a")).extracting(Alert::getAlertname).containsExactly("BotEntriesPaused", "BotHalted");
        assertThat(views.firingAlerts()).extracting(Alert::getAlertKey)
                .containsExactly("*|DeadLetters", "a|BotEntriesPaused", "a|BotHalted", "b|BotFailed");

        views.applyAll(new ConsumerRecords<>(Map.of(p0, List.of(alert(p0, "a", "BotHalted", AlertState.RESOLVED, 20),
                raw(p0, "b|BotFailed", null))), Map.of()));

        assertThat(views.firingAlerts()).extracting(Alert::getAlertKey).containsExactly("*|DeadLetters", "a|BotEntriesPaused");
        assertThat(views.isKnown("a")).as("an alert does not make a bot known").isFalse();
    }

    private ConsumerRecord<byte[], byte[]> alert(TopicPartition tp, String bot, String name, AlertState state, long startsAt) {
        Alert a = Alert.newBuilder().setEventId("e-" + bot + "-" + name + "-" + state).setBotId(bot).setTsMs(startsAt)
                .setAlertKey(bot + "|" + name).setAlertname(name).setSeverity(Severity.CRITICAL).setService("risk-stream").setState(state)
                .setStartsAtMs(startsAt).setEndsAtMs(state == AlertState.RESOLVED ? startsAt + 1 : null).setSummary(name + " of " + bot)
                .setDescription("").build();
        return raw(tp, a.getAlertKey(), Topics.ALERTS.valueSerde().serializer().serialize(tp.topic(), a));
    }

    private ConsumerRecord<byte[], byte[]> heartbeat(TopicPartition tp, String bot, long ts, String version) {
        Heartbeat h = Heartbeat.newBuilder().setEventId("e-" + bot + "-" + ts).setBotId(bot).setTsMs(ts).setReceivedTsMs(ts)
                .setExtra(Map.of()).setPositions(List.of()).setOpenOrders(List.of()).setOpenOrderCount(0).setVersion(version).build();
        return raw(tp, bot, Topics.HEARTBEATS.valueSerde().serializer().serialize(tp.topic(), h));
    }

    private ConsumerRecord<byte[], byte[]> raw(TopicPartition tp, String key, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset++, key.getBytes(StandardCharsets.UTF_8), value);
    }
}
