package com.quantumedge.supervisor.policy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.quantumedge.supervisor.avro.Alert;

@DisplayName("Alertmanager payload")
class AlertmanagerPayloadTest {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode post(Alert... alerts) {
        return JSON.readTree(AlertmanagerPayload.of(List.of(alerts), NOW));
    }

    @Test
    @DisplayName("a firing alert has alertname, bot_id, lower-case severity and service as labels, its annotations and start, no end")
    void firing() {
        Alert halted = AlertRecords.firing(AlertKind.BOT_HALTED, "bot-1", null, NOW.minusSeconds(60).toEpochMilli(),
                NOW.minusSeconds(60).toEpochMilli(), Map.of(), "Trading of bot-1 is HALTED", "by operator alice: drawdown",
                "./supervisor control resume --bot bot-1 --reason '...'");
        JsonNode a = post(halted).get(0);
        assertThat(a.path("labels").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("alertname", "bot_id", "severity", "service");
        assertThat(a.path("labels").path("severity").asString()).isEqualTo("critical");
        assertThat(a.path("annotations").path("description").asString()).isEqualTo("by operator alice: drawdown");
        assertThat(a.path("annotations").path("command").asString()).startsWith("./supervisor control resume");
        assertThat(a.path("startsAt").asString()).isEqualTo("2026-12-07T02:59:00Z");
        assertThat(a.has("endsAt")).isFalse();
    }

    @Test
    @DisplayName("a resolved alert keeps labels and start and carries its end, never one in the future")
    void resolved() {
        Alert firing = AlertRecords.firing(AlertKind.BOT_FAILED, "bot-1", null, NOW.minusSeconds(60).toEpochMilli(),
                NOW.minusSeconds(60).toEpochMilli(), Map.of(), "s", "d", "");
        JsonNode past = post(AlertRecords.resolved(firing, NOW.minusSeconds(10).toEpochMilli(), "running")).get(0);
        assertThat(past.path("endsAt").asString()).isEqualTo("2026-12-07T02:59:50Z");
        assertThat(past.has("annotations") && !past.path("annotations").has("command")).isTrue();
        JsonNode ahead = post(AlertRecords.resolved(firing, NOW.plusSeconds(30).toEpochMilli(), "clock ahead")).get(0);
        assertThat(ahead.path("endsAt").asString()).isEqualTo("2026-12-07T03:00:00Z");
    }

    @Test
    @DisplayName("a dead-letter alert of no bot has no bot_id label; the failing service is its service and failed_by")
    void deadLetters() {
        Alert dlq = AlertRecords.firing(AlertKind.DEAD_LETTERS, "*", "tsdb-sink", NOW.toEpochMilli(), NOW.toEpochMilli(),
                Map.of("failed_by", "tsdb-sink"), "s", "d", "");
        dlq.setService("tsdb-sink");
        JsonNode labels = post(dlq).get(0).path("labels");
        assertThat(labels.has("bot_id")).isFalse();
        assertThat(labels.path("service").asString()).isEqualTo("tsdb-sink");
        assertThat(labels.path("failed_by").asString()).isEqualTo("tsdb-sink");
    }
}
