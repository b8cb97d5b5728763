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

import com.quantumedge.supervisor.avro.Heartbeat;
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

    private ConsumerRecord<byte[], byte[]> heartbeat(TopicPartition tp, String bot, long ts, String version) {
        Heartbeat h = Heartbeat.newBuilder().setEventId("e-" + bot + "-" + ts).setBotId(bot).setTsMs(ts).setReceivedTsMs(ts)
                .setExtra(Map.of()).setPositions(List.of()).setOpenOrders(List.of()).setOpenOrderCount(0).setVersion(version).build();
        return raw(tp, bot, Topics.HEARTBEATS.valueSerde().serializer().serialize(tp.topic(), h));
    }

    private ConsumerRecord<byte[], byte[]> raw(TopicPartition tp, String bot, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset++, bot.getBytes(StandardCharsets.UTF_8), value);
    }
}
