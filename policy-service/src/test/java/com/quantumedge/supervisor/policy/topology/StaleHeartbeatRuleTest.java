package com.quantumedge.supervisor.policy.topology;

import static com.quantumedge.supervisor.policy.topology.PolicyDriver.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.EventType;
import com.quantumedge.supervisor.avro.Severity;
import com.quantumedge.supervisor.avro.SupervisorEvent;

@DisplayName("Stale heartbeat warning (T1 = 30 s)")
class StaleHeartbeatRuleTest {

    static final long T0 = 1_700_000_100_000L;

    @Test
    @DisplayName("a heartbeat 29 s old raises nothing; at 30 s one WARNING HEARTBEAT_STALE carries the age")
    void warnsAtT1() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 29_000);
            assertThat(policy.events(EventType.HEARTBEAT_STALE)).isEmpty();

            policy.tick(BOT, T0 + 30_000);

            List<SupervisorEvent> stale = policy.events(EventType.HEARTBEAT_STALE);
            assertThat(stale).singleElement().satisfies(e -> {
                assertThat(e.getSeverity()).isEqualTo(Severity.WARNING);
                assertThat(e.getTsMs()).isEqualTo(T0 + 30_000);
                assertThat(e.getAttributes()).containsEntry("heartbeat_age_ms", "30000")
                        .containsEntry("stale_after_ms", "30000");
            });
        }
    }

    @Test
    @DisplayName("a stale episode raises one warning however many ticks follow, duplicates included")
    void oncePerEpisode() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 60_000).ticks(BOT, T0 + 30_000, T0 + 60_000);

            assertThat(policy.events(EventType.HEARTBEAT_STALE)).hasSize(1);
        }
    }

    @Test
    @DisplayName("a heartbeat after a stale episode raises HEARTBEAT_RESUMED with the silence, and a new episode warns again")
    void resumedThenStaleAgain() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).ticks(BOT, T0 + 1000, T0 + 40_000).heartbeat(BOT, T0 + 41_000);
            policy.ticks(BOT, T0 + 42_000, T0 + 71_000);

            List<SupervisorEvent> events = policy.events().stream()
                    .filter(e -> e.getEventType() != EventType.RESTART_REQUESTED).toList();
            assertThat(events).extracting(SupervisorEvent::getEventType)
                    .containsExactly(EventType.HEARTBEAT_STALE, EventType.HEARTBEAT_RESUMED, EventType.HEARTBEAT_STALE);
            assertThat(events.get(1).getAttributes()).containsEntry("silent_ms", "41000");
            assertThat(events.get(2).getTsMs()).isEqualTo(T0 + 71_000);
        }
    }

    @Test
    @DisplayName("a bot never heard from is not stale: ticks alone raise no warning")
    void noHeartbeatNoEpisode() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.ticks(BOT, T0, T0 + 200_000);

            assertThat(policy.events()).isEmpty();
            assertThat(policy.commands()).isEmpty();
        }
    }

    @Test
    @DisplayName("staleness follows event time, not arrival: a late tick older than the clock changes nothing")
    void lateTickIgnored() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).tick(BOT, T0 + 10_000).tick(BOT, T0 - 50_000);

            assertThat(policy.events()).isEmpty();
        }
    }

    @Test
    @DisplayName("bots are supervised independently: one bot's ticks do not age another bot's heartbeat")
    void perBotClocks() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).heartbeat("bot-2", T0).ticks("bot-2", T0 + 1000, T0 + 31_000);

            assertThat(policy.events(EventType.HEARTBEAT_STALE)).extracting(SupervisorEvent::getBotId)
                    .containsExactly("bot-2");
        }
    }

    @Test
    @DisplayName("a bot an operator stopped is expected to be silent; after an operator START it gets T1 before a warning")
    void operatorStopAndStart() {
        try (PolicyDriver policy = PolicyDriver.withDefaults()) {
            policy.heartbeat(BOT, T0).operator(BOT, T0 + 1000, com.quantumedge.supervisor.avro.CommandType.STOP,
                    java.util.Map.of()).ticks(BOT, T0 + 1000, T0 + 100_000);
            assertThat(policy.events(EventType.HEARTBEAT_STALE)).isEmpty();

            policy.operator(BOT, T0 + 100_000, com.quantumedge.supervisor.avro.CommandType.START, java.util.Map.of())
                    .ticks(BOT, T0 + 101_000, T0 + 130_000);

            assertThat(policy.events(EventType.HEARTBEAT_STALE)).singleElement()
                    .satisfies(e -> assertThat(e.getTsMs()).isEqualTo(T0 + 130_000));
        }
    }
}
