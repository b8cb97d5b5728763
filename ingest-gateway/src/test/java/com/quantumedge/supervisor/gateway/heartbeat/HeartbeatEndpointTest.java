package com.quantumedge.supervisor.gateway.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.Heartbeat;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.schemas.Topics;

import tools.jackson.databind.JsonNode;

class HeartbeatEndpointTest {

    /** Shaped like the original QuantumEdge bot's heartbeat, plus an unknown field it may send. */
    static final String ORIGINAL_BOT_HEARTBEAT = """
            {"uptime_s": 3600.5, "equity": 10250.75, "realized_pnl_today": 125.5, "trading_day": "2026-11-24",
             "positions": [{"symbol": "BTCUSDT", "qty": -0.25, "avg_price": 97000.0, "mark_price": 96500.0}],
             "open_orders": 2, "mode": "live", "version": "3.4.1", "strategy": "scalper-v2"}
            """;

    private final RunningGateway gateway = SharedGateway.get();

    @Test
    @DisplayName("an original-shaped heartbeat is answered with the original fields and lands on qe.heartbeats.v1 under the token's bot")
    void heartbeatIsAnsweredAndPublished() {
        String bot = SharedGateway.BOT;
        Http.Response response = Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(bot), ORIGINAL_BOT_HEARTBEAT);

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("heartbeat_status").asString()).isEqualTo("ok");
        assertThat(json.get("last_heartbeat_time").asString()).isNotBlank();
        assertThat(json.has("halted")).isTrue();
        assertThat(json.has("llm_paused")).isTrue();
        assertThat(json.has("risk_multiplier")).isTrue();
        assertThat(json.has("trading_state")).isTrue();
        String eventId = json.get("event_id").asString();

        List<Heartbeat> published = TopicRecords.read(Topics.HEARTBEATS, bot,
                list -> list.stream().anyMatch(h -> h.getEventId().equals(eventId)), Duration.ofSeconds(20));
        Heartbeat hb = published.stream().filter(h -> h.getEventId().equals(eventId)).findFirst().orElseThrow();
        assertThat(hb.getBotId()).isEqualTo(bot);
        assertThat(hb.getEquity()).isEqualTo(10250.75);
        assertThat(hb.getRealizedPnlToday()).isEqualTo(125.5);
        assertThat(hb.getTradingDay()).isEqualTo("2026-11-24");
        assertThat(hb.getPositions()).singleElement().satisfies(p -> {
            assertThat(p.getSymbol()).isEqualTo("BTCUSDT");
            assertThat(p.getQty()).isEqualTo(-0.25);
        });
        assertThat(hb.getOpenOrderCount()).isEqualTo(2);
        assertThat(hb.getMode()).isEqualTo("live");
        assertThat(hb.getExtra()).containsEntry("strategy", "\"scalper-v2\"");
        assertThat(hb.getReceivedTsMs()).isPositive();
    }

    @Test
    @DisplayName("the original X-API-TOKEN header authenticates a bot like a Bearer token")
    void originalTokenHeaderWorks() {
        Http.Response response = Http.post(gateway.url("/api/v1/heartbeat"),
                Map.of("X-API-TOKEN", gateway.token(SharedGateway.BOT), "Content-Type", "application/json"), "{\"uptime_s\": 1}");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("open orders may be listed instead of counted, and the count follows the list")
    void openOrdersAsList() {
        String body = """
                {"open_orders": [{"symbol": "ETHUSDT", "side": "BUY", "qty": 1.5, "price": 3000, "client_order_id": "c-1"},
                                 {"symbol": "ETHUSDT", "side": "SELL", "qty": 1.5, "price": 3300}]}
                """;
        Http.Response response = Http.postJson(gateway.url("/api/v1/heartbeat"), gateway.token(SharedGateway.BOT), body);
        String eventId = response.json().get("event_id").asString();

        Heartbeat hb = TopicRecords.read(Topics.HEARTBEATS, SharedGateway.BOT,
                list -> list.stream().anyMatch(h -> h.getEventId().equals(eventId)), Duration.ofSeconds(20))
                .stream().filter(h -> h.getEventId().equals(eventId)).findFirst().orElseThrow();
        assertThat(hb.getOpenOrders()).hasSize(2);
        assertThat(hb.getOpenOrderCount()).isEqualTo(2);
    }
}
