package com.quantumedge.supervisor.gateway.views;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.quantumedge.supervisor.avro.Heartbeat;

/**
 * {@code gateway_heartbeat_age_seconds{bot_id}}: how long ago the gateway received each bot's latest
 * heartbeat, for the HeartbeatStale alert. One gauge per bot that ever sent one (bounded by the bots
 * there are); NaN once the view forgot the bot (retired), which no alert rule matches.
 */
final class HeartbeatAgeGauges {

    static final String METRIC = "gateway.heartbeat.age";

    private final Map<String, Heartbeat> heartbeats;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    HeartbeatAgeGauges(Map<String, Heartbeat> heartbeats, MeterRegistry meters, Clock clock) {
        this.heartbeats = heartbeats;
        this.meters = meters;
        this.clock = clock;
    }

    void seen(String botId) {
        if (registered.add(botId)) {
            Gauge.builder(METRIC, () -> ageSeconds(botId)).baseUnit("seconds")
                    .description("Seconds since the gateway received the bot's latest heartbeat")
                    .tag("bot_id", botId).register(meters);
        }
    }

    /** By the gateway's receive time when known: a bot's clock cannot make it look fresh. */
    double ageSeconds(String botId) {
        Heartbeat latest = heartbeats.get(botId);
        if (latest == null) {
            return Double.NaN;
        }
        long at = latest.getReceivedTsMs() > 0 ? latest.getReceivedTsMs() : latest.getTsMs();
        return Math.max(0, clock.millis() - at) / 1000.0;
    }
}
