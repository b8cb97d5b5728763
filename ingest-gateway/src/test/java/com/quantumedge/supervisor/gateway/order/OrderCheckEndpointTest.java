package com.quantumedge.supervisor.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.avro.OrderRequest;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;
import com.quantumedge.supervisor.gateway.support.SharedGateway;
import com.quantumedge.supervisor.gateway.support.TestRiskResponder;
import com.quantumedge.supervisor.gateway.support.TopicRecords;
import com.quantumedge.supervisor.localkafka.testing.SharedKafkaBroker;
import com.quantumedge.supervisor.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;

class OrderCheckEndpointTest {

    /** Shaped like the original bot's order check. */
    static String order(String clientOrderId, double quantity) {
        return """
                {"symbol": "BTCUSDT", "side": "BUY", "order_type": "LIMIT", "quantity": %s, "price": 97000.5,
                 "notional": 9700.05, "leverage": 5, "is_reduce_only": false, "client_order_id": "%s"}
                """.formatted(quantity, clientOrderId);
    }

    private static TestRiskResponder responder;
    private final RunningGateway gateway = SharedGateway.get();

    @BeforeAll
    static void startResponder() {
        SharedGateway.get();
        responder = TestRiskResponder.start(SharedKafkaBroker.bootstrapServers(), Set.of(SharedGateway.ORDER_BOT));
    }

    @AfterAll
    static void stopResponder() {
        responder.close();
    }

    @Test
    @DisplayName("an allowed decision from the risk engine is answered with allowed, code, reason and exposure after")
    void allowedDecisionIsAnswered() {
        Http.Response response = Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(SharedGateway.ORDER_BOT),
                order("ok-1", 0.1));

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("allowed").asBoolean()).isTrue();
        assertThat(json.get("code").asString()).isEqualTo("OK");
        assertThat(json.get("reason").asString()).isEqualTo("answer to ok-1");
        assertThat(json.get("symbol_exposure_after").asDouble()).isEqualTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.get("trading_state").asString()).isEqualTo("ACTIVE");
        assertThat(json.get("halted").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("a denial names the check that decided with its limit and the measured value")
    void denialNamesTheCheck() {
        JsonNode json = Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(SharedGateway.ORDER_BOT),
                order("big-1", 50)).json();

        assertThat(json.get("allowed").asBoolean()).isFalse();
        assertThat(json.get("code").asString()).isEqualTo("QTY_EXCEEDS_MAX");
        assertThat(json.get("check").asString()).isEqualTo("MaxOrderQty");
        assertThat(json.get("limit").asDouble()).isEqualTo(10.0);
        assertThat(json.get("value").asDouble()).isEqualTo(50.0);
    }

    @Test
    @DisplayName("the order request on qe.order-requests.v1 carries a correlation id and this instance as reply_to")
    void requestCarriesCorrelationAndReplyTo() {
        JsonNode json = Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(SharedGateway.ORDER_BOT),
                order("corr-1", 1)).json();
        String correlationId = json.get("correlation_id").asString();

        List<OrderRequest> requests = TopicRecords.read(Topics.ORDER_REQUESTS, SharedGateway.ORDER_BOT,
                l -> l.stream().anyMatch(r -> r.getCorrelationId().equals(correlationId)), Duration.ofSeconds(20));
        OrderRequest request = requests.stream().filter(r -> r.getCorrelationId().equals(correlationId)).findFirst().orElseThrow();
        assertThat(request.getReplyTo()).startsWith("gateway-");
        assertThat(request.getClientOrderId()).isEqualTo("corr-1");
        assertThat(request.getPrice()).isEqualTo(97000.5);
        assertThat(request.getLeverage()).isEqualTo(5.0);
    }

    @Test
    @DisplayName("without a decision in time the check is denied fail-closed with SUPERVISOR_UNAVAILABLE")
    void timeoutDeniesFailClosed() {
        long started = System.nanoTime();
        JsonNode json = Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(SharedGateway.SILENT_BOT),
                order("silent-1", 1)).json();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(json.get("allowed").asBoolean()).isFalse();
        assertThat(json.get("code").asString()).isEqualTo("SUPERVISOR_UNAVAILABLE");
        assertThat(elapsedMs).isGreaterThanOrEqualTo(1400);
    }

    @Test
    @DisplayName("denials are counted per bot and code, fail-closed ones as SUPERVISOR_UNAVAILABLE; allowed checks are not")
    void denialsAreCountedPerBotAndCode() {
        MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
        double qtyBefore = denials(meters, SharedGateway.ORDER_BOT, "QTY_EXCEEDS_MAX");
        double unavailableBefore = denials(meters, SharedGateway.SILENT_BOT, "SUPERVISOR_UNAVAILABLE");
        double allowedBefore = denials(meters, SharedGateway.ORDER_BOT, "OK");

        Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(SharedGateway.ORDER_BOT), order("count-big", 50));
        Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(SharedGateway.ORDER_BOT), order("count-ok", 0.1));
        Http.postJson(gateway.url("/api/v1/risk/evaluate"), gateway.token(SharedGateway.SILENT_BOT), order("count-silent", 1));

        assertThat(denials(meters, SharedGateway.ORDER_BOT, "QTY_EXCEEDS_MAX")).isEqualTo(qtyBefore + 1);
        assertThat(denials(meters, SharedGateway.SILENT_BOT, "SUPERVISOR_UNAVAILABLE")).isEqualTo(unavailableBefore + 1);
        assertThat(denials(meters, SharedGateway.ORDER_BOT, "OK")).isEqualTo(allowedBefore).isZero();
    }

    private static double denials(MeterRegistry meters, String bot, String code) {
        var counter = meters.find("gateway.order.denials").tag("bot_id", bot).tag("code", code).counter();
        return counter == null ? 0 : counter.count();
    }
}
