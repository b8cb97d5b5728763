package com.quantumedge.supervisor.gateway.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.schemas.GeneratedClasses;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class HeartbeatAgeGaugesTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    @DisplayName("one gauge per bot, its age by the gateway's receive time (not the bot's clock), NaN once the bot is forgotten")
    void agePerBotByReceiveTime() {
        GeneratedClasses.trust();
        Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        HeartbeatAgeGauges gauges = new HeartbeatAgeGauges(heartbeats, meters, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

        heartbeats.put("bot-a", heartbeat("bot-a", NOW, NOW - 90_000));
        gauges.seen("bot-a");
        gauges.seen("bot-a");

        assertThat(meters.find(HeartbeatAgeGauges.METRIC).gauges()).hasSize(1);
        assertThat(meters.get(HeartbeatAgeGauges.METRIC).tag("bot_id", "bot-a").gauge().value()).isEqualTo(90.0);
        heartbeats.remove("bot-a");
        assertThat(meters.get(HeartbeatAgeGauges.METRIC).tag("bot_id", "bot-a").gauge().value()).isNaN();
    }

    private static Heartbeat heartbeat(String bot, long botClockMs, long receivedMs) {
        return Heartbeat.newBuilder().setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(botClockMs)
                .setReceivedTsMs(receivedMs).build();
    }
}
