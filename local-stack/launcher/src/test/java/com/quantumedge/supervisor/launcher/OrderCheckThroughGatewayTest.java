package com.quantumedge.supervisor.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.Topics;

/**
 * The order check as the bot makes it: HTTP into the gateway, through the real broker to risk-stream and
 * back, with fills, heartbeats and operator commands posted over HTTP too. One local stack (broker,
 * risk-stream, policy-service, gateway; no ClickHouse) in this JVM; the bot's limits are published as
 * data on {@code sup.risk-limits.v1}. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderCheckThroughGatewayTest {

    private static final double MAX_SYMBOL_EXPOSURE = 100_000;
    private static final double MAX_DRAWDOWN_PCT = 20;

    private static LocalStack stack;
    private static StackHttp http;
    private static String bot;
    private static String botToken;
    private static String operatorToken;
    private static String viewerToken;

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Files.createDirectories(Path.of("target", "order-check-" + UUID.randomUUID()).toAbsolutePath());
        stack = LocalStack.start(new SupervisorHome(home), new LocalStack.Options(false, null, 0, null, false));
        Map<String, String> env = stack.env();
        http = new StackHttp(env.get("GATEWAY_URL"));
        bot = env.get("BOT_ID");
        botToken = env.get("BOT_TOKEN");
        operatorToken = env.get("OPERATOR_TOKEN");
        viewerToken = env.get("VIEWER_TOKEN");
        publishLimits(env.get("KAFKA_BOOTSTRAP"));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("the bot's limits, published as data, are enforced: a quantity over its maximum is denied with the limit and the value")
    void publishedLimitsAreEnforced() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode d = evaluate(Map.of("symbol", "BTCUSDT", "side", "BUY", "order_type", "LIMIT", "quantity", 6, "price", 50_000));
            assertThat(d.path("code").asText()).isEqualTo("QTY_EXCEEDS_MAX");
            assertThat(d.path("allowed").asBoolean()).isFalse();
            assertThat(d.path("limit").asDouble()).isEqualTo(5.0);
            assertThat(d.path("value").asDouble()).isEqualTo(6.0);
        });
    }

    @Test
    @Order(2)
    @DisplayName("an allowed order answers OK with the exposure after it and the state flags")
    void allowedOrder() throws Exception {
        assertThat(postHeartbeat(Map.of("equity", 100_000, "uptime_s", 10)).statusCode()).isEqualTo(200);

        JsonNode d = evaluate(Map.of("symbol", "BTCUSDT", "side", "BUY", "order_type", "LIMIT", "quantity", 1, "price", 50_000,
                "client_order_id", "o-1"));

        assertThat(d.path("allowed").asBoolean()).as(d.toString()).isTrue();
        assertThat(d.path("code").asText()).isEqualTo("OK");
        assertThat(d.path("symbol_exposure_after").asDouble()).isEqualTo(50_000.0);
        assertThat(d.path("gross_exposure_after").asDouble()).isEqualTo(50_000.0);
        assertThat(d.path("trading_state").asText()).isEqualTo("ACTIVE");
        assertThat(d.path("halted").asBoolean()).isFalse();
        assertThat(d.path("client_order_id").asText()).isEqualTo("o-1");
        assertThat(d.path("correlation_id").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    @DisplayName("a fill posted over HTTP becomes a position, and the next order that would take the symbol past its exposure is denied")
    void fillThenExposureDenied() throws Exception {
        HttpResponse<String> fill = post("/api/v1/executions", botToken, Map.of("exec_id", "x-1", "exec_type", "FILL",
                "symbol", "BTCUSDT", "side", "BUY", "qty", 1, "price", 50_000, "client_order_id", "o-1", "leaves_qty", 0));
        assertThat(fill.statusCode()).as(fill.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode view = botView();
            assertThat(view.path("positions")).hasSize(1);
            assertThat(view.path("positions").get(0).path("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(view.path("positions").get(0).path("qty").asDouble()).isEqualTo(1.0);
            assertThat(view.path("open_reservations").asInt()).isZero();
        });

        JsonNode d = evaluate(Map.of("symbol", "BTCUSDT", "side", "BUY", "order_type", "LIMIT", "quantity", 1.5, "price", 50_000));

        assertThat(d.path("code").asText()).as(d.toString()).isEqualTo("SYMBOL_EXPOSURE_EXCEEDS_MAX");
        assertThat(d.path("limit").asDouble()).isEqualTo(MAX_SYMBOL_EXPOSURE);
        assertThat(d.path("value").asDouble()).isEqualTo(125_000.0);
    }

    @Test
    @Order(4)
    @DisplayName("a reduce-only order that would flip the position, and a market order with no price to value it, are denied")
    void reduceOnlyAndUnpricedMarketOrder() throws Exception {
        JsonNode flip = evaluate(Map.of("symbol", "BTCUSDT", "side", "SELL", "order_type", "LIMIT", "quantity", 2, "price", 50_000,
                "is_reduce_only", true));
        assertThat(flip.path("code").asText()).as(flip.toString()).isEqualTo("REDUCE_ONLY_WOULD_INCREASE");

        JsonNode unpriced = evaluate(Map.of("symbol", "ETHUSDT", "side", "BUY", "order_type", "MARKET", "quantity", 1));
        assertThat(unpriced.path("code").asText()).as(unpriced.toString()).isEqualTo("MARKET_PRICE_UNAVAILABLE");
    }

    @Test
    @Order(5)
    @DisplayName("an operator halt denies every new order with TRADING_HALTED until the operator resumes")
    void operatorHaltAndResume() throws Exception {
        assertThat(post("/api/v1/control/halt", operatorToken, Map.of("bot_id", bot, "reason", "test halts")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(evaluate(smallBuy()).path("code").asText()).isEqualTo("TRADING_HALTED"));
        assertThat(botView().path("trading_state").asText()).isEqualTo("HALTED");

        assertThat(post("/api/v1/control/resume", operatorToken, Map.of("bot_id", bot, "reason", "test resumes")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(evaluate(smallBuy()).path("code").asText()).isEqualTo("OK"));
    }

    @Test
    @Order(6)
    @DisplayName("a heartbeat past the drawdown limit auto-halts the bot; the breach is an event and only an operator lifts the halt")
    void drawdownAutoHalt() throws Exception {
        assertThat(postHeartbeat(Map.of("equity", 70_000, "uptime_s", 20)).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode d = evaluate(smallBuy());
            assertThat(d.path("code").asText()).isEqualTo("TRADING_HALTED");
            assertThat(d.path("reason").asText()).contains("DRAWDOWN_LIMIT");
        });
        JsonNode breach = get("/api/v1/dashboard/events?types=RISK_BREACH&bot_id=" + bot).path("events");
        assertThat(breach).isNotEmpty();
        assertThat(breach.toString()).contains("DRAWDOWN_LIMIT");

        assertThat(postHeartbeat(Map.of("equity", 100_000, "uptime_s", 30)).statusCode()).isEqualTo(200);
        JsonNode afterRecovery = evaluate(smallBuy());
        assertThat(afterRecovery.path("code").asText()).as("recovered equity does not lift a halt").isEqualTo("TRADING_HALTED");
    }

    @Test
    @Order(7)
    @DisplayName("a heartbeat reporting another position than the fills give raises POSITION_MISMATCH with both; the fills stay the truth")
    void positionMismatch() throws Exception {
        assertThat(postHeartbeat(Map.of("equity", 100_000, "positions",
                List.of(Map.of("symbol", "BTCUSDT", "qty", 2, "avg_price", 50_000)))).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode events = get("/api/v1/dashboard/events?types=POSITION_MISMATCH&bot_id=" + bot).path("events");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).path("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(events.get(0).path("details").path("reported_qty").asDouble()).isEqualTo(2.0);
            assertThat(events.get(0).path("details").path("computed_qty").asDouble()).isEqualTo(1.0);
        });
        assertThat(botView().path("positions").get(0).path("qty").asDouble()).isEqualTo(1.0);
    }

    @Test
    @Order(8)
    @DisplayName("a limit changed through PUT /api/v1/limits is applied by risk-stream: the next order over it is denied with the new limit")
    void limitChangedThroughTheApiIsEnforced() throws Exception {
        assertThat(post("/api/v1/control/resume", operatorToken, Map.of("bot_id", bot, "reason", "limits step")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(evaluate(smallBuy()).path("code").asText()).isEqualTo("OK"));

        HttpResponse<String> put = http.put("/api/v1/limits/" + bot, operatorToken,
                Map.of("reason", "tiny orders only", "max_order_qty", 0.005));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode d = evaluate(smallBuy());
            assertThat(d.path("code").asText()).isEqualTo("QTY_EXCEEDS_MAX");
            assertThat(d.path("limit").asDouble()).isEqualTo(0.005);
        });
    }

    private static Map<String, Object> smallBuy() {
        return Map.of("symbol", "BTCUSDT", "side", "BUY", "order_type", "LIMIT", "quantity", 0.01, "price", 50_000);
    }

    private static void publishLimits(String bootstrap) throws Exception {
        RiskLimits limits = RiskLimits.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setBotId(bot).setTsMs(System.currentTimeMillis())
                .setVersion(1).setUpdatedBy("OrderCheckThroughGatewayTest")
                .setMaxOrderQty(5.0).setMaxOrderNotional(1_000_000.0).setMaxLeverage(20.0)
                .setMaxSymbolExposure(MAX_SYMBOL_EXPOSURE).setMaxGrossExposure(1_000_000.0).setMaxOpenOrders(100)
                .setMaxSubmitsPerWindow(1_000).setSubmitWindowMs(1_000L).setPriceCollarPct(10.0).setMaxPriceAgeMs(60_000L)
                .setMaxDailyLoss(1_000_000.0).setMaxDrawdownPct(MAX_DRAWDOWN_PCT)
                .build();
        StackTopics.publish(bootstrap, Topics.RISK_LIMITS, bot, limits);
    }

    private static JsonNode evaluate(Map<String, Object> order) {
        return http.evaluate(botToken, order);
    }

    private static HttpResponse<String> postHeartbeat(Map<String, Object> heartbeat) {
        return post("/api/v1/heartbeat", botToken, heartbeat);
    }

    private static JsonNode botView() {
        return get("/api/v1/bots/" + bot);
    }

    private static JsonNode get(String path) {
        return http.get(path, viewerToken);
    }

    private static HttpResponse<String> post(String path, String token, Map<String, Object> body) {
        return http.post(path, token, body);
    }
}
